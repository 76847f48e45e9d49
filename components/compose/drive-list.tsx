'use client';
/**
 * Flash drives (cartesi-machine.md §8: at most 8; carti-formats.md §5: root first): the root slot, one row
 * per drive, a drop area for a new drive and a form for a bundleless drive (scratch or output).
 */
import { useId, useState } from 'react';
import type { CartiPackage } from '@/lib/carti/types';
import { problemsFor, type SlotProblem } from '@/lib/compose/checks';
import { addEmptyDrive } from '@/lib/compose/drive-edits';
import { parseSize, type SizeUnit } from '@/lib/compose/units';
import type { Edit } from '@/lib/state/composer';
import { MAX_FLASH_DRIVES, ROOT_LABEL } from '@/lib/machine/constants';
import { Button } from '@/components/ui/button';
import { DriveRow } from './drive-row';
import { DropSlot } from './drop-slot';
import { ProblemList } from './problem-list';

export interface DriveListProps {
  readonly pkg: CartiPackage;
  readonly problems: readonly SlotProblem[];
  readonly sizes: ReadonlyMap<string, bigint>;
  readonly edit: (edit: Edit) => void;
}

function EmptyDriveForm({ edit, taken }: { edit: DriveListProps['edit']; taken: number }) {
  const [label, setLabel] = useState('output');
  const [size, setSize] = useState('2');
  const [unit, setUnit] = useState<SizeUnit>('MiB');
  const labelId = useId();
  const sizeId = useId();
  const add = () => {
    const bytes = parseSize(size, unit);
    if (bytes === undefined) return;
    edit((pkg) => addEmptyDrive(pkg, label.trim(), bytes));
  };
  return (
    <form
      aria-label="Add an empty drive"
      className="flex flex-wrap items-end gap-2 text-xs"
      onSubmit={(event) => { event.preventDefault(); add(); }}
    >
      <span className="flex flex-col gap-0.5">
        <label htmlFor={labelId} className="text-slate-600">Empty drive label</label>
        <input id={labelId} value={label} onChange={(e) => setLabel(e.target.value)} className="w-32 rounded border border-slate-300 px-1.5 py-0.5 font-mono" />
      </span>
      <span className="flex flex-col gap-0.5">
        <label htmlFor={sizeId} className="text-slate-600">Empty drive size</label>
        <span className="flex gap-1">
          <input id={sizeId} value={size} inputMode="decimal" onChange={(e) => setSize(e.target.value)} className="w-16 rounded border border-slate-300 px-1.5 py-0.5 text-right font-mono" />
          <select aria-label="Empty drive size unit" value={unit} onChange={(e) => setUnit(e.target.value as SizeUnit)} className="rounded border border-slate-300 px-1">
            <option>KiB</option><option>MiB</option><option>GiB</option>
          </select>
        </span>
      </span>
      <Button size="sm" type="submit" disabled={taken >= MAX_FLASH_DRIVES}>Add empty drive</Button>
    </form>
  );
}

export function DriveList({ pkg, problems, sizes, edit }: DriveListProps) {
  const drives = pkg.machineConfig.flash_drive;
  const hasRoot = drives.some((drive) => drive.label === ROOT_LABEL);
  return (
    <section aria-labelledby="drives-title" className="space-y-2 rounded-lg border border-slate-200 p-3">
      <h3 id="drives-title" className="text-sm font-semibold text-slate-900">Flash drives <span className="font-normal text-slate-500">({drives.length} of {MAX_FLASH_DRIVES})</span></h3>
      {!hasRoot && (
        <DropSlot kind="root" title="the root drive slot">
          <span className="text-sm text-slate-500">Root drive: drop a flashdrive bundle (the root filesystem) here</span>
        </DropSlot>
      )}
      <ol aria-label="Drives" className="space-y-2">
        {drives.map((drive, index) => (
          <DriveRow key={`${index}-${drive.label}`} pkg={pkg} index={index} sizes={sizes} edit={edit} problems={problemsFor(problems, `drive:${index}`)} />
        ))}
      </ol>
      {drives.length < MAX_FLASH_DRIVES && (
        <DropSlot kind="drive" title="the new drive slot">
          <span className="text-sm text-slate-500">New drive: drop a flashdrive or raw bundle here</span>
        </DropSlot>
      )}
      <ProblemList label="drives" problems={problemsFor(problems, 'drives')} />
      <EmptyDriveForm edit={edit} taken={drives.length} />
    </section>
  );
}
