'use client';
/**
 * The composer's image import: a dropped or picked `docker save` / OCI tarball is imported in the drive worker
 * (lib/oci, off the main thread) for the chosen platform, layer by layer with progress; the tools layer comes
 * from the default machine's root drive (verified like any asset). The result becomes the draft's root drive,
 * with the image's settings as the machine's entrypoint and init (lib/oci withImportedImage).
 */
import { useCallback, useRef, useState } from 'react';
import { parsePackageText } from '@/lib/carti/package';
import { DEFAULT_MACHINE_URL } from '@/lib/compose/default-machine';
import { withImportedImage } from '@/lib/oci/package-settings';
import type { Edit } from '@/lib/state/composer';
import { ROOT_LABEL } from '@/lib/machine/constants';
import type { ImportJobResult } from './drive-jobs';
import { runDriveJob } from './drive-worker-client';
import { progressView, type ProgressView } from './job-progress';
import { resolveBundles } from './resolve-sources';

export interface LayerView {
  readonly name: string;
  readonly state: 'waiting' | 'applying' | 'applied';
}

export type ImportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly file: string; readonly progress: ProgressView; readonly layers: readonly LayerView[] }
  | { readonly kind: 'done'; readonly file: string; readonly result: ImportJobResult; readonly elapsedMs: number }
  | { readonly kind: 'failed'; readonly file: string; readonly message: string };

/** The default machine's root drive, the source of the tools layer (its id read from the default package). */
async function defaultRootDrive(): Promise<Blob | Uint8Array> {
  const response = await fetch(DEFAULT_MACHINE_URL, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${DEFAULT_MACHINE_URL}: HTTP ${response.status} (the tools layer needs the default machine: run npm run setup)`);
  const pkg = parsePackageText(await response.text(), DEFAULT_MACHINE_URL).value;
  const rootId = pkg?.machineConfig.flash_drive.find((drive) => drive.label === ROOT_LABEL)?.cid;
  const asset = pkg?.assets.find((entry) => entry.cid === rootId);
  if (!asset) throw new Error(`${DEFAULT_MACHINE_URL}: no root drive image (the tools layer comes from it)`);
  const url = new URL(asset.fileName, new URL(DEFAULT_MACHINE_URL, window.location.origin)).href;
  const [bytes] = await resolveBundles([{ id: asset.cid, name: asset.name, fileName: asset.fileName }], () => url, 'tools layer');
  return bytes!;
}

function driveName(file: string): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(tar|tar\.gz|tgz|oci)$/i, '');
  return `${base || 'image'}-root`;
}

export function useImageImport(edit: (edit: Edit) => void) {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const busy = useRef(false);
  const importImage = useCallback(async (file: File, platform: string, addTools: boolean) => {
    if (busy.current) return;
    busy.current = true;
    const started = performance.now();
    let layers: LayerView[] = [];
    const show = (progress: ProgressView) => setState({ kind: 'running', file: file.name, progress, layers });
    try {
      show({ text: addTools ? 'Fetching the tools layer (the default machine\'s root drive)' : 'Reading the image' });
      const tools = addTools ? await defaultRootDrive() : undefined;
      const name = driveName(file.name);
      const result = await runDriveJob(
        { kind: 'import', image: file, imageName: file.name, platform, ...(tools ? { tools } : {}), output: { name, store: true, description: `Imported from ${file.name} (${platform})` } },
        (progress) => {
          if (progress.phase === 'layer' && progress.layer !== undefined && progress.layers !== undefined) {
            const current = progress.layer;
            if (layers.length !== progress.layers) layers = Array.from({ length: progress.layers }, () => ({ name: '', state: 'waiting' as const }));
            layers = layers.map((layer, index) => ({
              name: index === current - 1 ? progress.layerName ?? '' : layer.name,
              state: index < current - 1 ? 'applied' : index === current - 1 ? 'applying' : 'waiting',
            }));
          } else if (progress.phase === 'write') {
            layers = layers.map((layer) => ({ ...layer, state: 'applied' }));
          }
          show(progressView(progress));
        },
      );
      edit((pkg) => withImportedImage(pkg, result.bundle!, BigInt(result.sizeBytes), result.settings));
      setState({ kind: 'done', file: file.name, result, elapsedMs: performance.now() - started });
    } catch (error) {
      setState({ kind: 'failed', file: file.name, message: error instanceof Error ? error.message : String(error) });
    } finally {
      busy.current = false;
    }
  }, [edit]);
  return { state, importImage };
}
