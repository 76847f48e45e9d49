'use client';
/**
 * Share link (issue 4): `/compose#pkg=…` holds the whole package (lib/compose/share-link.ts). Assets that no
 * followed listing names can only be in this browser's store: the link says so, and the receiver is told,
 * and "Publish machine to IPFS" (issue 6) is offered first: its link, `/compose#ipfs=<cid>`, carries them all.
 */
import { useState } from 'react';
import type { CartiPackage, IndexedBundle } from '@/lib/carti/types';
import { encodeShareFragment } from '@/lib/compose/share-link';
import { Button } from '@/components/ui/button';
import { PublishMachinePanel } from '@/components/ipfs/publish-machine-panel';

export function SharePanel({ pkg, localOnly, names, bundles }: { pkg: CartiPackage; localOnly: readonly string[]; names: ReadonlyMap<string, string>; bundles: readonly IndexedBundle[] }) {
  const [link, setLink] = useState<string>();
  const make = async () => {
    const fragment = await encodeShareFragment(pkg, localOnly);
    const url = `${window.location.origin}/compose#${fragment}`;
    setLink(url);
    await navigator.clipboard?.writeText(url).catch(() => undefined);
  };
  return (
    <section aria-labelledby="share-title" className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm">
      <h3 id="share-title" className="text-sm font-semibold text-slate-900">Share</h3>
      <Button size="sm" onClick={() => void make()}>Make share link</Button>
      {link && (
        <input aria-label="Share link" readOnly value={link} onFocus={(event) => event.target.select()} className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
      )}
      {localOnly.length > 0 && (
        <p role="note" className="text-xs text-amber-800">
          Not in any listing you follow, so only in this browser’s store: {localOnly.map((id) => names.get(id) ?? id).join(', ')}. Whoever opens the link cannot download {localOnly.length === 1 ? 'it' : 'them'} until {localOnly.length === 1 ? 'it is' : 'they are'} published: use “Publish machine to IPFS”.
        </p>
      )}
      <PublishMachinePanel pkg={pkg} bundles={bundles} localOnlyCount={localOnly.length} />
    </section>
  );
}
