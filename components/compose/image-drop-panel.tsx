'use client';
/**
 * "Import a container image" (issue 5, OCI import): drop a `docker save` or OCI layout tarball on the panel (or
 * pick the file), choose the platform (linux/riscv64 by default; another platform is refused naming the
 * image's), and watch the layers being applied. The root drive replaces the draft's root; the image's
 * command becomes the machine's entrypoint. When the image lacks Cartesi's init, the panel says what the tools
 * layer added.
 */
import { useId, useState, type DragEvent } from 'react';
import type { Edit } from '@/lib/state/composer';
import { formatBytes } from '@/components/ui/format-bytes';
import type { ImportJobResult } from './drive-jobs';
import { JobProgressBar } from './job-progress-bar';
import { useImageImport } from './use-image-import';

function toolsSummary(result: ImportJobResult): string | undefined {
  const { files, links, directories } = result.toolsAdded;
  if (files.length + links.length + directories.length === 0) return undefined;
  const parts = [...files];
  if (links.length > 0) parts.push(`${links.length} busybox applet link${links.length === 1 ? '' : 's'}`);
  if (directories.length > 0) parts.push(`mount points ${directories.join(' ')}`);
  return parts.join(', ');
}

export function ImageDropPanel({ edit }: { edit: (edit: Edit) => void }) {
  const { state, importImage } = useImageImport(edit);
  const [platform, setPlatform] = useState('linux/riscv64');
  const [addTools, setAddTools] = useState(true);
  const [over, setOver] = useState(false);
  const ids = { file: useId(), platform: useId(), tools: useId() };
  const running = state.kind === 'running';
  const start = (file: File | undefined) => { if (file && !running) void importImage(file, platform.trim(), addTools); };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    start(event.dataTransfer.files[0]);
  };
  const tools = state.kind === 'done' ? toolsSummary(state.result) : undefined;
  return (
    <section
      aria-labelledby="image-import-title"
      data-testid="image-drop"
      onDragOver={(event) => { event.preventDefault(); setOver(true); }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      className={`space-y-2 rounded-lg border p-3 text-sm ${over ? 'border-indigo-500 bg-indigo-50' : 'border-dashed border-slate-300'}`}
    >
      <h3 id="image-import-title" className="font-semibold text-slate-900">Import a container image</h3>
      <p className="text-xs text-slate-500">Drop a <code>docker save</code> or OCI image tarball here: its layers become the root drive.</p>
      <div className="flex flex-wrap items-end gap-2 text-xs">
        <span className="flex flex-col gap-0.5">
          <label htmlFor={ids.file} className="text-slate-600">Image tarball</label>
          <input id={ids.file} type="file" accept=".tar,.tar.gz,.tgz,application/x-tar" disabled={running} onChange={(event) => { start(event.target.files?.[0]); event.target.value = ''; }} className="text-xs" />
        </span>
        <span className="flex flex-col gap-0.5">
          <label htmlFor={ids.platform} className="text-slate-600">Platform</label>
          <input id={ids.platform} value={platform} list={`${ids.platform}-list`} onChange={(event) => setPlatform(event.target.value)} disabled={running} className="w-32 rounded border border-slate-300 px-1.5 py-0.5 font-mono" />
          <datalist id={`${ids.platform}-list`}><option value="linux/riscv64" /></datalist>
        </span>
        <span className="inline-flex items-center gap-1">
          <input id={ids.tools} type="checkbox" checked={addTools} onChange={(event) => setAddTools(event.target.checked)} disabled={running} />
          <label htmlFor={ids.tools} className="text-slate-600">Add Cartesi tools when missing</label>
        </span>
      </div>
      {state.kind === 'running' && (
        <div className="space-y-1">
          {state.layers.length > 0 && (
            <ol aria-label="Image layers" className="space-y-0.5 text-xs">
              {state.layers.map((layer, index) => (
                <li key={index} data-state={layer.state} className={layer.state === 'applied' ? 'text-emerald-700' : layer.state === 'applying' ? 'font-medium text-slate-900' : 'text-slate-400'}>
                  Layer {index + 1} of {state.layers.length}{layer.name ? ` (${layer.name.slice(0, 40)})` : ''}: {layer.state}
                </li>
              ))}
            </ol>
          )}
          <JobProgressBar label="Image import progress" progress={state.progress} />
        </div>
      )}
      {state.kind === 'done' && (
        <div role="status" data-testid="import-result" data-output-id={state.result.outputId} className="space-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-2 text-xs text-emerald-900">
          <p>Imported {state.file} ({state.result.layers.length} layer{state.result.layers.length === 1 ? '' : 's'}) in {(state.elapsedMs / 1000).toFixed(2)} s: root drive {formatBytes(state.result.sizeBytes)}, <code className="break-all">{state.result.outputId}</code>.</p>
          <p>Entrypoint: <code>{JSON.stringify(state.result.settings.entrypoint)}</code>{state.result.settings.user ? `, user ${state.result.settings.user}` : ', user root'}{state.result.settings.workdir ? `, workdir ${state.result.settings.workdir}` : ''}.</p>
          <ol aria-label="Applied layers" className="list-decimal pl-5">
            {state.result.layers.map((layer, index) => (
              <li key={`${index} ${layer.name}`}>
                <span className="font-mono">{layer.name.length > 40 ? `${layer.name.slice(0, 40)}…` : layer.name}</span>: {layer.entries} entries
                {layer.whiteouts > 0 ? `, ${layer.whiteouts} whiteout${layer.whiteouts === 1 ? '' : 's'}` : ''}
                {layer.opaqueDirectories > 0 ? `, ${layer.opaqueDirectories} opaque director${layer.opaqueDirectories === 1 ? 'y' : 'ies'}` : ''}
              </li>
            ))}
          </ol>
          <p data-testid="tools-added">{tools ? `The image had no Cartesi init: added from the default machine: ${tools}.` : 'No tools added: the image has cartesi-init, flashdrive and a shell.'}</p>
        </div>
      )}
      {state.kind === 'failed' && (
        <p role="alert" data-testid="import-error" className="whitespace-pre-wrap rounded-md border border-rose-200 bg-rose-50 p-2 text-xs text-rose-800">{state.file}: {state.message}</p>
      )}
    </section>
  );
}
