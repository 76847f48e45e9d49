'use client';
/**
 * What a publish produced (issue 6, "Publish"): the bundle entry with `uri: ipfs://<cid>`, and a
 * `bundles.json` to download: the entry alone, or appended to a listing the user picks, where an id that is
 * already listed is not added again (carti's publish did the same).
 */
import { useId, useState } from 'react';
import { bundleToJson } from '@/lib/carti/bundle';
import { addBundleToListing, parseListingText, serializeListing } from '@/lib/carti/listing';
import type { Bundle, Listing } from '@/lib/carti/types';
import { downloadText } from '@/components/bundle-add/download-text';
import { Button } from '@/components/ui/button';

export function PublishedEntry({ bundle }: { bundle: Bundle }) {
  const pickerId = useId();
  const [listing, setListing] = useState<{ listing: Listing; fileName: string }>();
  const [error, setError] = useState<string>();
  const alreadyListed = listing?.listing.bundles.some((existing) => existing.id === bundle.id) ?? false;

  const pick = async (picked: File | undefined) => {
    setError(undefined);
    if (!picked) return setListing(undefined);
    const parsed = parseListingText(await picked.text(), picked.name);
    // A record that does not validate would be dropped from the download: refuse rather than lose it.
    if (parsed.errors.length > 0) {
      setListing(undefined);
      return setError(`${picked.name} cannot be appended to: ${parsed.errors[0]!.message}${parsed.errors.length > 1 ? ` (and ${parsed.errors.length - 1} more problems)` : ''}`);
    }
    setListing({ listing: parsed.value, fileName: picked.name });
  };

  return (
    <div className="space-y-2">
      <pre aria-label="Published bundle entry" className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(bundleToJson(bundle), null, 2)}</pre>
      <label htmlFor={pickerId} className="block text-xs text-slate-600">Append to an existing bundles.json (optional)</label>
      <input id={pickerId} type="file" accept="application/json,.json" onChange={(event) => void pick(event.target.files?.[0])} className="block text-xs" />
      {error && <p role="alert" className="text-xs text-rose-700">{error}</p>}
      {alreadyListed && <p role="note" className="text-xs text-amber-800">{listing?.fileName} already lists {bundle.id}: it is kept as it is, not added twice.</p>}
      <Button size="sm" onClick={() => downloadText(serializeListing(addBundleToListing(listing?.listing ?? { bundles: [] }, bundle)), 'bundles.json')}>
        Download bundles.json{listing ? ` (${listing.listing.bundles.length + (alreadyListed ? 0 : 1)} bundles)` : ''}
      </Button>
    </div>
  );
}
