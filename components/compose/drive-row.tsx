'use client';
/** One flash drive: label, bundle and its size, length, start, shared, read-only, reorder and remove; a drop target too. */
import { useEffect, useId, useState } from 'react';
import type { CartiPackage } from '@/lib/carti/types';
import type { CartiError } from '@/lib/carti/errors';
import { formatHex } from '@/lib/carti/hex';
import { moveDrive, removeDriveAt, renameDrive, setDriveLength, setDriveReadOnly, setDriveShared } from '@/lib/compose/drive-edits';
import { readOnlyLabels } from '@/lib/carti/studio-metadata';
import type { Edit } from '@/lib/state/composer';
import { Button } from '@/components/ui/button';
import { useDroppable } from '@dnd-kit/core';
import { slotId, type SlotTarget } from './dnd';
import { useNativeDrop } from './native-drop';
import { assetName, SizeNote } from './machine-slots';
import { ProblemList } from './problem-list';
import { SizeField } from './size-field';

export interface DriveRowProps {
  readonly pkg: CartiPackage;
  readonly index: number;
  readonly sizes: ReadonlyMap<string, bigint>;
  readonly problems: readonly CartiError[];
  readonly edit: (edit: Edit) => void;
}

export function DriveRow({ pkg, index, sizes, problems, edit }: DriveRowProps) {
  const drive = pkg.machineConfig.flash_drive[index]!;
  const count = pkg.machineConfig.flash_drive.length;
  const [label, setLabel] = useState(drive.label);
  useEffect(() => setLabel(drive.label), [drive.label]);
  const labelId = useId();
  const sharedId = useId();
  const readOnlyId = useId();
  const readOnly = readOnlyLabels(pkg).has(drive.label);
  const data: SlotTarget = { kind: drive.label === 'root' ? 'root' : 'drive', index, title: `drive ${drive.label}` };
  const { setNodeRef, isOver } = useDroppable({ id: slotId('drive', index), data });
  const native = useNativeDrop(data);
  const commitLabel = () => { if (label !== drive.label) edit((p) => renameDrive(p, index, label.trim())); };
  return (
    <li
      ref={setNodeRef}
      {...native.props}
      data-slot={slotId('drive', index)}
      aria-label={`Drive ${index}: ${drive.label}`}
      className={`rounded-md border p-2 ${isOver || native.over ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-slate-50'}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5">
        <span className="font-mono text-xs text-slate-500">pmem{index}</span>
        <span className="inline-flex items-center gap-1">
          <label htmlFor={labelId} className="text-xs text-slate-600">Label</label>
          <input
            id={labelId}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            onBlur={commitLabel}
            onKeyDown={(event) => { if (event.key === 'Enter') commitLabel(); }}
            className="w-28 rounded border border-slate-300 px-1.5 py-0.5 font-mono text-xs"
          />
        </span>
        <span className="text-sm">
          {drive.cid ? <><span className="font-medium">{assetName(pkg, drive.cid)?.name ?? drive.cid}</span> <SizeNote id={drive.cid} sizes={sizes} /></> : <span className="text-slate-500">empty (zero-filled)</span>}
        </span>
        <SizeField label="Length" bytes={drive.length} onCommit={(bytes) => edit((p) => setDriveLength(p, index, bytes))} />
        <span className="font-mono text-xs text-slate-500" title="start address">@ {formatHex(drive.start)}</span>
        <span className="inline-flex items-center gap-1">
          <input id={sharedId} type="checkbox" checked={drive.shared} onChange={(event) => edit((p) => setDriveShared(p, index, event.target.checked))} className="h-3.5 w-3.5" />
          <label htmlFor={sharedId} className="text-xs text-slate-600">Shared</label>
        </span>
        <span className="inline-flex items-center gap-1" title="mapped without write permission; mounted ro (root: ro in the boot args)">
          <input id={readOnlyId} type="checkbox" checked={readOnly} onChange={(event) => edit((p) => setDriveReadOnly(p, index, event.target.checked))} className="h-3.5 w-3.5" />
          <label htmlFor={readOnlyId} className="text-xs text-slate-600">Read-only</label>
        </span>
        <span className="ml-auto flex gap-1">
          <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => edit((p) => moveDrive(p, index, index - 1))} aria-label={`Move drive ${drive.label} up`}>↑</Button>
          <Button size="sm" variant="ghost" disabled={index === count - 1} onClick={() => edit((p) => moveDrive(p, index, index + 1))} aria-label={`Move drive ${drive.label} down`}>↓</Button>
          <Button size="sm" variant="danger" onClick={() => edit((p) => removeDriveAt(p, index))} aria-label={`Remove drive ${drive.label}`}>Remove</Button>
        </span>
      </div>
      <ProblemList label={`drive ${drive.label}`} problems={problems} />
    </li>
  );
}
