'use client';
/**
 * Import a `carti-machine-package.json` from a file or a URL (a raw URL, or a GitHub repository whose
 * package file is resolved as lib/carti's resolvePackageSource does). Cross-origin URLs go through the app's
 * /api/asset route (SSRF guard and size limits). The text goes to the parent, which parses it.
 */
import { useId, useState } from 'react';
import { resolvePackageSource } from '@/lib/carti/listing-source';
import { assetRequestUrl } from '@/lib/queries/verify-asset';
import { Button } from '@/components/ui/button';

export function ImportPanel({ onText }: { onText: (text: string, source: string) => void }) {
  const [url, setUrl] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fileId = useId();
  const urlId = useId();

  const fromUrl = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const resolved = resolvePackageSource(url.trim()).url;
      const response = await fetch(assetRequestUrl(resolved, window.location.origin), { cache: 'no-store' });
      if (!response.ok) throw new Error(`${resolved}: HTTP ${response.status}`);
      onText(await response.text(), resolved);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="import-title" className="space-y-2 rounded-lg border border-slate-200 p-3 text-sm">
      <h3 id="import-title" className="text-sm font-semibold text-slate-900">Import a package</h3>
      <div className="flex flex-col gap-1">
        <label htmlFor={fileId} className="text-xs text-slate-600">carti-machine-package.json file</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            if (file) onText(await file.text(), file.name);
            event.target.value = '';
          }}
          className="text-xs"
        />
      </div>
      <form className="flex flex-wrap items-end gap-2" onSubmit={(event) => { event.preventDefault(); void fromUrl(); }}>
        <span className="flex min-w-56 flex-1 flex-col gap-1">
          <label htmlFor={urlId} className="text-xs text-slate-600">Package URL or GitHub repository</label>
          <input id={urlId} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…/carti-machine-package.json" className="rounded border border-slate-300 px-2 py-1 text-xs" />
        </span>
        <Button size="sm" type="submit" disabled={busy || url.trim() === ''}>{busy ? 'Loading…' : 'Import URL'}</Button>
      </form>
      {error && <p role="alert" className="text-xs text-rose-700">{error}</p>}
    </section>
  );
}
