'use client';
/**
 * Entrypoint / boot args (carti-formats.md §7): the command the user types, and — live — the full kernel
 * bootargs and the device-tree `init` the machine will get (v0.21, §7.2), or the ROM-era `mtdparts` bootargs
 * for a legacy package (§7.1).
 */
import { useEffect, useId, useState } from 'react';
import { legacyBootargs, toMachineConfig, v021Bootargs } from '@/lib/carti/exports';
import { entrypointOf, setEntrypoint } from '@/lib/compose/entrypoint';
import type { CartiPackage, TargetMachine } from '@/lib/carti/types';
import { problemsFor, type SlotProblem } from '@/lib/compose/checks';
import type { Edit } from '@/lib/state/composer';
import { ProblemList } from './problem-list';

function generated(pkg: CartiPackage, target: TargetMachine): { bootargs: string; init: string } {
  try {
    if (target === 'legacy') return { bootargs: legacyBootargs(pkg).text, init: '(ROM-era machines have no device-tree init)' };
    return { bootargs: v021Bootargs(pkg), init: toMachineConfig(pkg, { base: '' }).config.dtb.init };
  } catch (error) {
    return { bootargs: v021Bootargs(pkg), init: `(not available: ${(error as Error).message})` };
  }
}

export function BootEditor({ pkg, target, problems, edit }: { pkg: CartiPackage; target: TargetMachine; problems: readonly SlotProblem[]; edit: (edit: Edit) => void }) {
  const stored = entrypointOf(pkg);
  const [args, setArgs] = useState(stored);
  useEffect(() => setArgs(stored), [stored]);
  const argsId = useId();
  const { bootargs, init } = generated(pkg, target);
  const commit = () => { if (args !== stored) edit((p) => setEntrypoint(p, args)); };
  return (
    <section aria-labelledby="boot-title" className="space-y-2 rounded-lg border border-slate-200 p-3">
      <h3 id="boot-title" className="text-sm font-semibold text-slate-900">Entrypoint and boot</h3>
      <label htmlFor={argsId} className="block text-xs text-slate-600">
        {target === 'legacy' ? 'Boot args (the command after --)' : 'Entrypoint (run as user dapp; empty: a login shell)'}
      </label>
      <textarea
        id={argsId}
        value={args}
        rows={2}
        spellCheck={false}
        onChange={(event) => setArgs(event.target.value)}
        onBlur={commit}
        className="w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      <ProblemList label="boot" problems={problemsFor(problems, 'boot')} />
      <div>
        <h4 className="text-xs font-medium text-slate-700">Kernel bootargs</h4>
        <pre aria-label="Generated bootargs" className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 text-xs text-slate-100">{bootargs}</pre>
      </div>
      <div>
        <h4 className="text-xs font-medium text-slate-700">Device-tree init</h4>
        <pre aria-label="Generated init" className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-900 p-2 text-xs text-slate-100">{init === '' ? '(empty)' : init}</pre>
      </div>
    </section>
  );
}
