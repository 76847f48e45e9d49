'use client';
/**
 * "Publish to IPFS" for one bundle of the browser store (issue 6, "Publish"): its bytes are read from the
 * store, lib/ipfs `publishFile` computes the carti id and the expected CID, the node adds (CIDv1, raw leaves,
 * 256 KiB chunks) and pins them, and the node's CID must equal ours. The stored record is kept as it is, with
 * `uri: ipfs://<cid>`; the entry can be downloaded as (or appended to) a bundles.json.
 */
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { Bundle } from '@/lib/carti/types';
import { publishFile, type PublishProgress } from '@/lib/ipfs/publish';
import { nodeVersion } from '@/lib/ipfs/rpc-client';
import { getBrowserStore } from '@/lib/store/browser-store';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/ui/progress-bar';
import { currentIpfsSettings } from './current-settings';
import { PublishedEntry } from './published-entry';
import { publishProgressLabel } from './publish-progress';

type State =
  | { readonly step: 'publishing'; readonly progress?: PublishProgress }
  | { readonly step: 'done'; readonly bundle: Bundle; readonly cid: string; readonly node: string }
  | { readonly step: 'failed'; readonly message: string; readonly noNode?: boolean };

async function publishStored(bundle: Bundle, signal: AbortSignal, onProgress: (progress: PublishProgress) => void): Promise<State> {
  const { rpcUrl } = await currentIpfsSettings();
  if (!rpcUrl) return { step: 'failed', noNode: true, message: `${bundle.name}: no IPFS node RPC URL is set, and publishing needs a node.` };
  // The add call's upload cannot tell "node down" from other failures in a browser; `version` can.
  await nodeVersion(rpcUrl, { signal });
  const file = await getBrowserStore().read(bundle.id);
  if (!file) return { step: 'failed', message: `${bundle.name}: ${bundle.id} is no longer in this browser's store.` };
  const published = await publishFile(rpcUrl, { file, fileName: bundle.fileName, bundleType: bundle.bundleType, name: bundle.name, version: bundle.version }, { signal, onProgress });
  // The store checked the id when it wrote the bytes; a difference now means they changed on disk since.
  if (published.bundle.id !== bundle.id) {
    return { step: 'failed', message: `${bundle.name}: the stored bytes now have id ${published.bundle.id}, not ${bundle.id}; they were published as ${published.cid} but are not recorded.` };
  }
  return { step: 'done', bundle: { ...bundle, uri: published.bundle.uri }, cid: published.cid.toString(), node: rpcUrl };
}

export function PublishStoredPanel({ bundle, onClose }: { bundle: Bundle; onClose: () => void }) {
  const [state, setState] = useState<State>({ step: 'publishing' });
  useEffect(() => {
    const controller = new AbortController();
    setState({ step: 'publishing' });
    publishStored(bundle, controller.signal, (progress) => !controller.signal.aborted && setState({ step: 'publishing', progress })).then(
      (result) => !controller.signal.aborted && setState(result),
      (error: unknown) => !controller.signal.aborted && setState({ step: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
    // Keyed by id: the store re-lists (new objects) after every change, which must not restart a publish.
  }, [bundle.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const titleId = `publish-${bundle.id}`;
  return (
    <section aria-labelledby={titleId} className="space-y-2 rounded-lg border border-indigo-100 bg-indigo-50/40 p-3 text-sm" data-testid="publish-stored">
      <div className="flex items-center gap-2">
        <h3 id={titleId} className="text-sm font-semibold text-slate-900">Publish {bundle.name} to IPFS</h3>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={onClose}>{state.step === 'publishing' ? 'Cancel' : 'Close'}</Button>
      </div>
      {state.step === 'publishing' && (state.progress
        ? <ProgressBar label={publishProgressLabel(state.progress, bundle.fileName)} doneBytes={state.progress.doneBytes} totalBytes={state.progress.totalBytes} />
        : <p role="status" className="text-xs text-slate-600">Reading {bundle.fileName} from the store…</p>)}
      {state.step === 'failed' && (
        <p role="alert" className="text-xs text-rose-700">
          {state.message} {state.noNode && <Link href="/settings" className="underline">Set the node in Settings.</Link>}
        </p>
      )}
      {state.step === 'done' && (
        <>
          <p role="status" className="text-xs text-emerald-800">
            Published and pinned on {state.node}: <code className="font-mono" data-testid="published-cid">{state.cid}</code> (the node&apos;s CID equals the one computed here).
          </p>
          <PublishedEntry bundle={state.bundle} />
        </>
      )}
    </section>
  );
}
