'use client';
/** The Settings page (issue 6): the IPFS node and gateways every publish and `ipfs://` fetch of this browser uses. */
import { DEFAULT_GATEWAYS, DEFAULT_RPC_URL } from '@/lib/ipfs/settings';
import { IpfsSettingsPanel } from './ipfs-settings-panel';

export function SettingsView() {
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Settings</h1>
        <p className="text-sm text-slate-500">
          Kept in this browser. Publishing needs a node&apos;s RPC API (default <code className="font-mono">{DEFAULT_RPC_URL}</code>);
          fetching <code className="font-mono">ipfs://</code> listings and assets needs only a gateway (default{' '}
          <code className="font-mono">{DEFAULT_GATEWAYS.join(', ')}</code>). Every file is checked against its carti id before use.
        </p>
      </div>
      <IpfsSettingsPanel />
    </div>
  );
}
