'use client';
/**
 * IPFS settings (issue 6): the node's RPC URL (empty: gateways only) and the gateways in order, with
 * "Test connection" (the RPC `version` call). The node needs CORS for this app's origin
 * (`API.HTTPHeaders.Access-Control-Allow-Origin`, oci-ext2-ipfs.md §8.1); the hint says so on failure.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isIpfsUri } from '@/lib/ipfs/uri';
import { nodeVersion } from '@/lib/ipfs/rpc-client';
import { Button } from '@/components/ui/button';
import { currentIpfsSettings } from './current-settings';
import { useIpfsSettings } from './use-ipfs-settings';

type Check = { state: 'idle' } | { state: 'saved' } | { state: 'checking' } | { state: 'ok'; version: string } | { state: 'failed'; message: string };

export function IpfsSettingsPanel() {
  const settings = useIpfsSettings((state) => state.settings);
  const saveSettings = useIpfsSettings((state) => state.saveSettings);
  const [rpcUrl, setRpcUrl] = useState(settings.rpcUrl ?? '');
  const [gateways, setGateways] = useState(settings.gateways.join('\n'));
  const [saveError, setSaveError] = useState<string>();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  // Editable only once the saved settings are loaded, so typing is never overwritten by them.
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void currentIpfsSettings().then(() => setLoaded(true));
  }, []);
  // The store hydrates from localStorage after the first render (and normalises on save): show what it holds.
  useEffect(() => {
    setRpcUrl(settings.rpcUrl ?? '');
    setGateways(settings.gateways.join('\n'));
  }, [settings]);

  const queryClient = useQueryClient();
  // What was read through the old gateways (ipfs:// listings, asset sizes) is read again through the new ones.
  const saveAndRefresh = () => {
    const error = saveSettings(rpcUrl, gateways);
    if (!error) void queryClient.invalidateQueries({ predicate: (query) => query.queryKey.some((part) => typeof part === 'string' && isIpfsUri(part)) });
    return error;
  };
  const save = () => {
    const error = saveAndRefresh();
    setSaveError(error?.message);
    setCheck(error ? { state: 'idle' } : { state: 'saved' });
  };
  const test = async () => {
    const error = saveAndRefresh();
    setSaveError(error?.message);
    if (error || rpcUrl.trim() === '') return setCheck({ state: 'failed', message: error?.message ?? 'no node RPC URL is set' });
    setCheck({ state: 'checking' });
    try {
      setCheck({ state: 'ok', version: await nodeVersion(rpcUrl.trim()) });
    } catch (cause) {
      setCheck({ state: 'failed', message: `${(cause as Error).message} In a browser this also happens when the node does not allow this origin (${window.location.origin}) in API.HTTPHeaders.Access-Control-Allow-Origin.` });
    }
  };

  return (
    <section aria-labelledby="ipfs-settings-title" className="space-y-3 rounded-lg border border-slate-200 p-3 text-sm">
      <h2 id="ipfs-settings-title" className="text-sm font-semibold text-slate-900">IPFS</h2>
      <label className="block space-y-1">
        <span className="text-xs text-slate-600">Node RPC API (empty: gateways only)</span>
        <input value={rpcUrl} disabled={!loaded} onChange={(event) => setRpcUrl(event.target.value)} placeholder="http://127.0.0.1:5001" className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
      </label>
      <label className="block space-y-1">
        <span className="text-xs text-slate-600">Gateways, tried in order (one per line)</span>
        <textarea value={gateways} disabled={!loaded} onChange={(event) => setGateways(event.target.value)} rows={3} className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
      </label>
      <div className="flex gap-2">
        <Button size="sm" variant="primary" onClick={save} disabled={!loaded}>Save</Button>
        <Button size="sm" onClick={() => void test()} disabled={!loaded || check.state === 'checking'}>Test connection</Button>
      </div>
      {saveError && <p role="alert" className="text-xs text-rose-700">{saveError}</p>}
      <p role="status" className="text-xs text-slate-700">
        {check.state === 'saved' && 'Saved.'}
        {check.state === 'checking' && 'Checking…'}
        {check.state === 'ok' && `Connected: node version ${check.version}`}
        {check.state === 'failed' && <span className="text-rose-700">{check.message}</span>}
      </p>
    </section>
  );
}
