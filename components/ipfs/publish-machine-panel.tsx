'use client';
/**
 * "Publish machine to IPFS" (issue 6): the whole machine as one IPFS directory (lib/ipfs `publishMachine`:
 * package, bundles.json, every asset at `<id>/<fileName>`), including assets that are only in this browser's
 * store (issue 4's "publish first"). The result is the root CID and the share link `/compose#ipfs=<cid>`,
 * which another browser opens and boots with only a gateway.
 */
import Link from 'next/link';
import { useRef, useState } from 'react';
import type { CartiPackage, IndexedBundle } from '@/lib/carti/types';
import { publishMachine } from '@/lib/ipfs/machine';
import { nodeVersion } from '@/lib/ipfs/rpc-client';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { currentIpfsSettings } from './current-settings';
import { ipfsShareLink } from './ipfs-share-link';
import { collectMachineAssets } from './machine-assets';

type Step =
  | { readonly step: 'idle' }
  | { readonly step: 'working'; readonly label: string; readonly doneBytes: number; readonly totalBytes?: number }
  | { readonly step: 'done'; readonly rootCid: string; readonly listingCid: string; readonly link: string }
  | { readonly step: 'failed'; readonly message: string; readonly noNode?: boolean };

export function PublishMachinePanel({ pkg, bundles, localOnlyCount }: { pkg: CartiPackage; bundles: readonly IndexedBundle[]; localOnlyCount: number }) {
  const [state, setState] = useState<Step>({ step: 'idle' });
  const controller = useRef<AbortController>(undefined);
  const names = new Map(pkg.assets.map((asset) => [asset.cid, asset.name]));

  const publish = async () => {
    controller.current?.abort();
    const abort = (controller.current = new AbortController());
    const update = (next: Step) => !abort.signal.aborted && setState(next);
    try {
      const { rpcUrl } = await currentIpfsSettings();
      if (!rpcUrl) return update({ step: 'failed', noNode: true, message: 'No IPFS node RPC URL is set, and publishing needs a node.' });
      // The add call's upload cannot tell "node down" from other failures in a browser; `version` can.
      await nodeVersion(rpcUrl, { signal: abort.signal });
      update({ step: 'working', label: 'Reading the machine’s assets', doneBytes: 0 });
      const assets = await collectMachineAssets(pkg, bundles, {
        pageOrigin: window.location.origin,
        signal: abort.signal,
        events: {
          cached: () => undefined,
          verified: () => undefined,
          failed: () => undefined,
          progress: (id, doneBytes, totalBytes) => update({ step: 'working', label: `Downloading ${names.get(id) ?? id}`, doneBytes, totalBytes }),
        },
      });
      const published = await publishMachine(rpcUrl, pkg, assets, {
        signal: abort.signal,
        onProgress: (progress) => update({ step: 'working', label: progress.phase === 'hashing' ? 'Computing ids and CIDs' : `Adding files to the IPFS node ${rpcUrl}`, doneBytes: progress.doneBytes, totalBytes: progress.totalBytes }),
      });
      const rootCid = published.rootCid.toString();
      const link = ipfsShareLink(window.location.origin, rootCid);
      update({ step: 'done', rootCid, listingCid: published.listingCid.toString(), link });
      await navigator.clipboard?.writeText(link).catch(() => undefined);
    } catch (error) {
      update({ step: 'failed', message: `Publishing the machine failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  return (
    <div className="space-y-2 border-t border-slate-100 pt-2">
      <Button size="sm" variant={localOnlyCount > 0 ? 'primary' : 'secondary'} onClick={() => void publish()} disabled={state.step === 'working'}>
        Publish machine to IPFS
      </Button>
      <p className="text-xs text-slate-500">
        One IPFS directory: the package, a bundles.json and every asset{localOnlyCount > 0 ? ', including the ones only in this browser' : ''}. Opening its link needs only a gateway.
      </p>
      {state.step === 'working' && <ProgressBar label={state.label} doneBytes={state.doneBytes} totalBytes={state.totalBytes} />}
      {state.step === 'failed' && (
        <p role="alert" className="whitespace-pre-line text-xs text-rose-700">
          {state.message} {state.noNode && <Link href="/settings" className="underline">Set the node in Settings.</Link>}
        </p>
      )}
      {state.step === 'done' && (
        <div role="status" className="space-y-1 text-xs text-emerald-800">
          <p>Published and pinned. Machine CID: <code className="font-mono" data-testid="machine-cid">{state.rootCid}</code></p>
          <p>Listing (the package&apos;s repos): <code className="font-mono">ipfs://{state.listingCid}</code></p>
          <input aria-label="IPFS share link" readOnly value={state.link} onFocus={(event) => event.target.select()} className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs text-slate-800" />
        </div>
      )}
    </div>
  );
}
