'use client';
/**
 * IPFS settings (issue 6): the node's RPC URL (empty: gateways only) and the gateways in order, with
 * "Test connection" (the RPC `version` call). The node needs CORS for this app's origin
 * (`API.HTTPHeaders.Access-Control-Allow-Origin`, oci-ext2-ipfs.md §8.1); the hint says so on failure.
 */
import { useState } from 'react';
import { nodeVersion } from '@/lib/ipfs/rpc-client';
import { Button } from '@/components/ui/button';
import { useIpfsSettings } from './use-ipfs-settings';

type Check = { state: 'idle' } | { state: 'checking' } | { state: 'ok'; version: string } | { state: 'failed'; message: string };

export function IpfsSettingsPanel() {
  const settings = useIpfsSettings((state) => state.settings);
  const saveSettings = useIpfsSettings((state) => state.saveSettings);
  const [rpcUrl, setRpcUrl] = useState(settings.rpcUrl ?? '');
  const [gateways, setGateways] = useState(settings.gateways.join('\n'));
  const [saveError, setSaveError] = useState<string>();
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  const save = () => setSaveError(saveSettings(rpcUrl, gateways)?.message);
  const test = async () => {
    const error = saveSettings(rpcUrl, gateways);
    setSaveError(error?.message);
    if (error || rpcUrl.trim() === '') return setCheck({ state: 'failed', message: error?.message ?? 'no node RPC URL is set' });
    setCheck({ state: 'checking' });
    try {
      setCheck({ state: 'ok', version: await nodeVersion(rpcUrl.trim()) });
    } catch (cause) {
      setCheck({ state: 'failed', message: `${(cause as Error).message} (the node must allow this origin, ${window.location.origin}, in API.HTTPHeaders.Access-Control-Allow-Origin)` });
    }
  };

  return (
    <section aria-labelledby="ipfs-settings-title" className="space-y-3 rounded-lg border border-slate-200 p-3 text-sm">
      <h3 id="ipfs-settings-title" className="text-sm font-semibold text-slate-900">IPFS</h3>
      <label className="block space-y-1">
        <span className="text-xs text-slate-600">Node RPC API (empty: gateways only)</span>
        <input value={rpcUrl} onChange={(event) => setRpcUrl(event.target.value)} placeholder="http://127.0.0.1:5001" className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
      </label>
      <label className="block space-y-1">
        <span className="text-xs text-slate-600">Gateways, tried in order (one per line)</span>
        <textarea value={gateways} onChange={(event) => setGateways(event.target.value)} rows={3} className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
      </label>
      <div className="flex gap-2">
        <Button size="sm" variant="primary" onClick={save}>Save</Button>
        <Button size="sm" onClick={() => void test()} disabled={check.state === 'checking'}>Test connection</Button>
      </div>
      {saveError && <p role="alert" className="text-xs text-rose-700">{saveError}</p>}
      <p role="status" className="text-xs text-slate-700">
        {check.state === 'checking' && 'Checking…'}
        {check.state === 'ok' && `Connected: node version ${check.version}`}
        {check.state === 'failed' && <span className="text-rose-700">{check.message}</span>}
      </p>
    </section>
  );
}
