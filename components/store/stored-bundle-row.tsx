'use client';
import Link from 'next/link';
import { useState } from 'react';
import { Badge, bundleTypeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/components/ui/format-bytes';
import type { BrowserStoredBundle } from '@/lib/store/types';
import { CopyButton } from './copy-button';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One stored bundle; Delete asks for confirmation in place (a real button pair, reachable by keyboard). */
export function StoredBundleRow({ entry, onDelete, onPublish }: { entry: BrowserStoredBundle; onDelete: (id: string) => Promise<void>; onPublish: (id: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const { bundle } = entry;
  const remove = async () => {
    setDeleting(true);
    try {
      await onDelete(bundle.id);
    } finally {
      setDeleting(false);
      setConfirming(false);
    }
  };
  return (
    <tr className="border-b border-slate-100 align-top" data-testid="stored-row" data-id={bundle.id}>
      <th scope="row" className="py-2.5 pr-3 text-left font-medium">
        <Link href={`/bundle/${bundle.id}`} className="text-indigo-700 hover:underline">
          {bundle.name}
        </Link>
        <div className="text-xs font-normal text-slate-500">
          {bundle.version} · <span className="font-mono">{bundle.fileName}</span>
        </div>
        {entry.description && <div className="text-xs font-normal text-slate-500">{entry.description}</div>}
      </th>
      <td className="py-2.5 pr-3">
        <Badge tone={bundleTypeTone(bundle.bundleType)}>{bundle.bundleType}</Badge>
      </td>
      <td className="py-2.5 pr-3 tabular-nums" data-testid="stored-size" title={`${entry.sizeBytes} bytes`}>
        {formatBytes(entry.sizeBytes)}
      </td>
      <td className="max-w-[16rem] py-2.5 pr-3">
        <div className="flex items-center gap-1">
          <code className="truncate font-mono text-xs text-slate-600" title={bundle.id}>
            {bundle.id}
          </code>
          <CopyButton text={bundle.id} label={`Copy id of ${bundle.name}`} />
        </div>
      </td>
      <td className="py-2.5 pr-3 text-xs text-slate-600">{entry.origin === 'file' ? 'your file' : 'download'}</td>
      <td className="py-2.5 pr-3 text-xs tabular-nums text-slate-600">{dateTime.format(entry.storedAt)}</td>
      <td className="py-2.5 pr-3 text-xs tabular-nums text-slate-600">{dateTime.format(entry.lastUsedAt)}</td>
      <td className="py-2.5 text-right">
        {confirming ? (
          <span className="inline-flex items-center gap-1" role="group" aria-label={`Confirm deleting ${bundle.name}`}>
            <Button size="sm" variant="danger" onClick={remove} disabled={deleting} autoFocus>
              Confirm delete
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)} disabled={deleting}>
              Cancel
            </Button>
          </span>
        ) : (
          <span className="inline-flex items-center gap-1">
            <Button size="sm" onClick={() => onPublish(bundle.id)} aria-label={`Publish ${bundle.name} to IPFS`}>
              Publish to IPFS
            </Button>
            <Button size="sm" variant="danger" onClick={() => setConfirming(true)} aria-label={`Delete ${bundle.name}`}>
              Delete
            </Button>
          </span>
        )}
      </td>
    </tr>
  );
}
