'use client';
/**
 * Publish a file to IPFS from the browser (issue 6, "Publish"): the carti id and expected CID are computed
 * here, the node adds and pins the file (lib/ipfs `publishFile`), and the resulting entry can be downloaded
 * as a `bundles.json`, merged into an existing one the user picks (an id already listed is not duplicated).
 */
import { useState } from 'react';
import { bundleToJson } from '@/lib/carti/bundle';
import { addBundleToListing, parseListingText, serializeListing } from '@/lib/carti/listing';
import { BUNDLE_TYPES, type Bundle, type BundleType, type Listing } from '@/lib/carti/types';
import { publishFile, type PublishProgress } from '@/lib/ipfs/publish';
import { downloadText } from '@/components/bundle-add/download-text';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useIpfsSettings } from './use-ipfs-settings';

export function PublishIpfsPanel() {
  const rpcUrl = useIpfsSettings((state) => state.settings.rpcUrl);
  const [file, setFile] = useState<File>();
  const [bundleType, setBundleType] = useState<BundleType>('flashdrive');
  const [name, setName] = useState('');
  const [version, setVersion] = useState('1.0.0');
  const [progress, setProgress] = useState<PublishProgress>();
  const [bundle, setBundle] = useState<Bundle>();
  const [error, setError] = useState<string>();
  const [listing, setListing] = useState<Listing>({ bundles: [] });

  const publish = async () => {
    if (!file || !rpcUrl) return;
    setError(undefined);
    setBundle(undefined);
    try {
      const published = await publishFile(rpcUrl, { file, fileName: file.name, bundleType, name: name || file.name, version }, { onProgress: setProgress });
      setBundle(published.bundle);
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setProgress(undefined);
    }
  };

  const pickListing = async (picked: File | undefined) => {
    if (!picked) return setListing({ bundles: [] });
    const parsed = parseListingText(await picked.text(), picked.name);
    if (parsed.errors.length > 0) return setError(parsed.errors[0]!.message);
    setListing(parsed.value);
  };

  return (
    <section aria-labelledby="publish-ipfs-title" className="space-y-3 rounded-lg border border-slate-200 p-3 text-sm">
      <h3 id="publish-ipfs-title" className="text-sm font-semibold text-slate-900">Publish to IPFS</h3>
      {!rpcUrl && <p role="note" className="text-xs text-amber-800">Set an IPFS node RPC URL in the IPFS settings to publish.</p>}
      <label className="block space-y-1">
        <span className="text-xs text-slate-600">File</span>
        <input type="file" onChange={(event) => setFile(event.target.files?.[0])} className="block text-xs" />
      </label>
      <div className="grid grid-cols-3 gap-2">
        <label className="space-y-1">
          <span className="text-xs text-slate-600">Type</span>
          <select value={bundleType} onChange={(event) => setBundleType(event.target.value as BundleType)} className="w-full rounded border border-slate-300 px-1 py-1 text-xs">
            {BUNDLE_TYPES.map((type) => <option key={type}>{type}</option>)}
          </select>
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-600">Name</span>
          <input value={name} onChange={(event) => setName(event.target.value)} placeholder={file?.name} className="w-full rounded border border-slate-300 px-2 py-1 text-xs" />
        </label>
        <label className="space-y-1">
          <span className="text-xs text-slate-600">Version</span>
          <input value={version} onChange={(event) => setVersion(event.target.value)} className="w-full rounded border border-slate-300 px-2 py-1 text-xs" />
        </label>
      </div>
      <Button size="sm" variant="primary" disabled={!file || !rpcUrl || progress !== undefined} onClick={() => void publish()}>Publish</Button>
      {progress && <ProgressBar label={progress.phase === 'hashing' ? 'Computing the id and CID' : 'Adding to the node'} doneBytes={progress.doneBytes} totalBytes={progress.totalBytes} />}
      {error && <p role="alert" className="text-xs text-rose-700">{error}</p>}
      {bundle && (
        <div className="space-y-2">
          <pre aria-label="Published bundle entry" className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs">{JSON.stringify(bundleToJson(bundle), null, 2)}</pre>
          <label className="block space-y-1">
            <span className="text-xs text-slate-600">Add to an existing bundles.json (optional)</span>
            <input type="file" accept="application/json,.json" onChange={(event) => void pickListing(event.target.files?.[0])} className="block text-xs" />
          </label>
          <Button size="sm" onClick={() => downloadText(serializeListing(addBundleToListing(listing, bundle)), 'bundles.json')}>Download bundles.json</Button>
        </div>
      )}
    </section>
  );
}
