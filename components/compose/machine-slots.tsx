'use client';
/**
 * The machine view (issue 4): the RAM slot (image + length), the ROM slot (legacy packages only), and the
 * flash drives (root first; carti-formats.md §5, cartesi-machine.md §8). Each slot shows its live problems.
 */
import type { CartiPackage, PackageAsset } from '@/lib/carti/types';
import { formatHex } from '@/lib/carti/hex';
import { problemsFor, type SlotProblem } from '@/lib/compose/checks';
import { formatSize } from '@/lib/compose/units';
import type { TargetMachine } from '@/lib/carti/types';
import type { Edit } from '@/lib/state/composer';
import { setRamLength } from '@/lib/compose/drive-edits';
import { removeRam, removeRom } from '@/lib/carti/package-ops';
import { Button } from '@/components/ui/button';
import { DriveList } from './drive-list';
import { DropSlot } from './drop-slot';
import { ProblemList } from './problem-list';
import { SizeField } from './size-field';

export interface SlotsProps {
  readonly pkg: CartiPackage;
  readonly target: TargetMachine;
  readonly problems: readonly SlotProblem[];
  readonly sizes: ReadonlyMap<string, bigint>;
  readonly edit: (edit: Edit) => void;
}

export function assetName(pkg: CartiPackage, cid: string): PackageAsset | undefined {
  return pkg.assets.find((asset) => asset.cid === cid);
}

export function SizeNote({ id, sizes }: { id: string; sizes: ReadonlyMap<string, bigint> }) {
  const size = sizes.get(id);
  return <span className="text-xs text-slate-500">{size === undefined ? 'size unknown' : formatSize(size)}</span>;
}

export function MachineSlots({ pkg, target, problems, sizes, edit }: SlotsProps) {
  const { ram, rom } = pkg.machineConfig;
  const ramAsset = ram.cid === '' ? undefined : assetName(pkg, ram.cid);
  return (
    <div className="space-y-3">
      <DropSlot kind="ram" title="the RAM slot">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-sm font-semibold text-slate-900">RAM</h3>
          <SizeField label="RAM length" bytes={ram.length} units={['MiB', 'GiB']} onCommit={(bytes) => edit((p) => setRamLength(p, bytes))} />
        </div>
        <div className="mt-1 flex items-center gap-2 text-sm" data-testid="ram-image">
          {ramAsset ? (
            <>
              <span className="font-medium">{ramAsset.name}</span> <SizeNote id={ram.cid} sizes={sizes} />
              <Button size="sm" variant="ghost" onClick={() => edit(removeRam)} aria-label="Clear the RAM image">Clear</Button>
            </>
          ) : (
            <span className="text-slate-500">Drop a ram (kernel) bundle here</span>
          )}
        </div>
        <ProblemList label="RAM" problems={problemsFor(problems, 'ram')} />
      </DropSlot>

      {(target === 'legacy' || rom) && (
        <DropSlot kind="rom" title="the ROM slot">
          <h3 className="text-sm font-semibold text-slate-900">ROM <span className="font-normal text-slate-500">(ROM-era machines only)</span></h3>
          <div className="mt-1 flex items-center gap-2 text-sm">
            {rom ? (
              <>
                <span className="font-medium">{assetName(pkg, rom.cid)?.name ?? rom.cid}</span>
                <Button size="sm" variant="ghost" onClick={() => edit(removeRom)} aria-label="Remove the ROM">Remove</Button>
              </>
            ) : <span className="text-slate-500">Drop a rom bundle here</span>}
          </div>
          <ProblemList label="ROM" problems={problemsFor(problems, 'rom')} />
        </DropSlot>
      )}

      <DriveList pkg={pkg} problems={problems} sizes={sizes} edit={edit} />
      <p className="text-xs text-slate-500">RAM at 0x80000000, length {formatHex(ram.length)}; drives are placed after it automatically.</p>
    </div>
  );
}
