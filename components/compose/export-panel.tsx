'use client';
/**
 * Exports of the draft (carti-formats.md §4, §8; cartesi-machine.md §14, §15): package JSON, carti-style Lua
 * (ROM-era only: the library explains why otherwise), v0.21 JSON config and the cartesi-machine command line.
 * Each is previewed, copied or downloaded.
 */
import { useState } from 'react';
import { toCartesiMachineCommand, toLua, toMachineConfig } from '@/lib/carti/exports';
import { serializePackage } from '@/lib/carti/package';
import type { CartiPackage } from '@/lib/carti/types';
import { toV021Json } from '@/lib/machine/v021-json';
import { Button } from '@/components/ui/button';

type ExportKind = 'package' | 'lua' | 'json' | 'cli';

const KINDS: readonly { kind: ExportKind; title: string; fileName: string; type: string }[] = [
  { kind: 'package', title: 'Package JSON', fileName: 'carti-machine-package.json', type: 'application/json' },
  { kind: 'lua', title: 'Lua (carti)', fileName: 'machine-config.lua', type: 'text/x-lua' },
  { kind: 'json', title: 'v0.21 JSON config', fileName: 'machine-config.json', type: 'application/json' },
  { kind: 'cli', title: 'Command line', fileName: 'cartesi-machine.sh', type: 'text/x-shellscript' },
];

function render(pkg: CartiPackage, kind: ExportKind): { text: string; ok: boolean } {
  try {
    switch (kind) {
      case 'package': return { text: serializePackage(pkg), ok: true };
      case 'lua': return { text: toLua(pkg), ok: true };
      case 'json': return { text: toV021Json(toMachineConfig(pkg).config), ok: true };
      case 'cli': return { text: toCartesiMachineCommand(pkg).line, ok: true };
    }
  } catch (error) {
    return { text: error instanceof Error ? error.message : String(error), ok: false };
  }
}

function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ExportPanel({ pkg }: { pkg: CartiPackage }) {
  const [kind, setKind] = useState<ExportKind>('package');
  const [copied, setCopied] = useState(false);
  const meta = KINDS.find((entry) => entry.kind === kind)!;
  const { text, ok } = render(pkg, kind);
  const copy = async () => {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <section aria-labelledby="export-title" className="space-y-2 rounded-lg border border-slate-200 p-3">
      <h3 id="export-title" className="text-sm font-semibold text-slate-900">Export</h3>
      <div role="tablist" aria-label="Export format" className="flex flex-wrap gap-1">
        {KINDS.map((entry) => (
          <button
            key={entry.kind}
            type="button"
            role="tab"
            aria-selected={entry.kind === kind}
            onClick={() => setKind(entry.kind)}
            className={`rounded-md px-2.5 py-1 text-xs font-medium ${entry.kind === kind ? 'bg-indigo-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}
          >
            {entry.title}
          </button>
        ))}
      </div>
      <pre
        role="tabpanel"
        aria-label={`${meta.title} preview`}
        className={`max-h-72 overflow-auto whitespace-pre-wrap break-all rounded p-2 font-mono text-xs ${ok ? 'bg-slate-900 text-slate-100' : 'bg-rose-50 text-rose-800'}`}
      >
        {text}
      </pre>
      <div className="flex gap-2">
        <Button size="sm" onClick={() => void copy()} disabled={!ok}>{copied ? 'Copied' : 'Copy'}</Button>
        <Button size="sm" onClick={() => download(text, meta.fileName, meta.type)} disabled={!ok}>Download {meta.fileName}</Button>
      </div>
    </section>
  );
}
