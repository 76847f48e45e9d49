'use client';
import { useId, useState } from 'react';
import { CopyButton } from '@/components/store/copy-button';
import { formatBytes } from '@/components/ui/format-bytes';
import { Button } from '@/components/ui/button';
import { CartiError } from '@/lib/carti/errors';
import type { BrowserStoredBundle } from '@/lib/store/types';
import { appendToListingText, singleListingText } from './bundle-draft';
import { downloadText } from './download-text';

/** The result of an add: the id, and the listing entry as a new `bundles.json` or appended to one. */
export function AddedBundlePanel({ stored }: { stored: BrowserStoredBundle }) {
  const appendId = useId();
  const [appendNote, setAppendNote] = useState<{ tone: 'ok' | 'error'; text: string } | undefined>();
  const { bundle } = stored;

  const appendTo = async (listingFile: File) => {
    try {
      const { text, alreadyListed } = appendToListingText(await listingFile.text(), listingFile.name, bundle);
      downloadText(text, listingFile.name);
      setAppendNote({ tone: 'ok', text: alreadyListed ? `${listingFile.name} already lists this id; downloaded unchanged.` : `Downloaded ${listingFile.name} with the record appended.` });
    } catch (error) {
      setAppendNote({ tone: 'error', text: error instanceof CartiError ? error.message : String(error) });
    }
  };

  return (
    <div className="space-y-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm" data-testid="added-bundle">
      <p className="font-medium text-emerald-900" role="status">
        Stored {bundle.name} ({formatBytes(stored.sizeBytes)}) in this browser.
      </p>
      <div className="flex items-center gap-2">
        <span className="text-slate-600">Id</span>
        <code className="break-all font-mono text-xs text-slate-900" data-testid="added-id">
          {bundle.id}
        </code>
        <CopyButton text={bundle.id} label="Copy id" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => downloadText(singleListingText(bundle), 'bundles.json')}>Download bundles.json</Button>
        <label htmlFor={appendId} className="text-slate-700">
          Append to listing file
        </label>
        <input
          id={appendId}
          type="file"
          accept=".json,application/json"
          onChange={(event) => {
            const picked = event.target.files?.[0];
            if (picked) void appendTo(picked);
            event.target.value = '';
          }}
          className="text-xs text-slate-600"
        />
      </div>
      {appendNote && (
        <p role={appendNote.tone === 'error' ? 'alert' : 'status'} className={appendNote.tone === 'error' ? 'text-rose-700' : 'text-emerald-800'}>
          {appendNote.text}
        </p>
      )}
    </div>
  );
}
