'use client';
/**
 * The composer (issue 4, "Composer"): a palette of indexed bundles, the machine's slots, the boot editor,
 * live rules, undo/redo, New / default machine / import (with ROM-era conversion), exports, share links and
 * Boot. State lives in the persisted composer store (lib/state/composer.ts); every edit is a pure function
 * from lib/carti or lib/compose.
 */
import { useQueryClient } from '@tanstack/react-query';
import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useBundleIndex } from '@/components/browse/use-bundle-index';
import { Button } from '@/components/ui/button';
import { parsePackageText } from '@/lib/carti/package';
import { targetOf } from '@/lib/carti/studio-metadata';
import type { Bundle, CartiPackage } from '@/lib/carti/types';
import { locateAssets, reposToFollow } from '@/lib/compose/asset-sources';
import { bootBlocker, checkDraft } from '@/lib/compose/checks';
import { convertLegacyPackage, isLegacyPackage, type LegacyConversion } from '@/lib/compose/convert-legacy';
import { conversionDefaultsFrom, DEFAULT_MACHINE_URL } from '@/lib/compose/default-machine';
import { draftToText, emptyDraft } from '@/lib/compose/draft';
import { decodeShareFragment, hasSharedPackage } from '@/lib/compose/share-link';
import { dropBundle, refusedDrop } from '@/lib/compose/bundle-drop';
import { listingSourcesStore } from '@/lib/state/listing-sources';
import type { Edit } from '@/lib/state/composer';
import { BootEditor } from './boot-editor';
import { BootPanel } from './boot-panel';
import { BundlePalette } from './bundle-palette';
import { ConfirmDialog } from './confirm-dialog';
import { announcements, collision, jumpBetweenSlots, screenReaderInstructions, type BundleDragData, type SlotTarget } from './dnd';
import { ExportPanel } from './export-panel';
import { DriveComposePanel } from './drive-compose-panel';
import { ImageDropPanel } from './image-drop-panel';
import { ImportPanel } from './import-panel';
import { MachineSlots } from './machine-slots';
import { NativeDropContext, type NativeDropHandlers } from './native-drop';
import { SharePanel } from './share-panel';
import { useIpfsShareLink } from '@/components/ipfs/use-ipfs-share-link';
import { assetSizeQuery, useAssetSizes } from './use-asset-sizes';
import { useComposer, useUndoShortcuts } from './use-composer';

type Pending =
  | { readonly kind: 'replace'; readonly title: string; readonly pkg: CartiPackage; readonly notes: readonly string[] }
  | { readonly kind: 'legacy'; readonly source: string; readonly original: CartiPackage; readonly conversion: LegacyConversion };

async function fetchPackage(url: string): Promise<CartiPackage> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}${response.status === 404 ? ' (run npm run setup to build the default machine)' : ''}`);
  const parsed = parsePackageText(await response.text(), url);
  if (!parsed.value) throw parsed.errors[0] ?? new Error(`${url}: not a machine package`);
  return parsed.value;
}

export function ComposeView() {
  const composer = useComposer();
  const { draft, apply, replace, undo, redo } = composer;
  const index = useBundleIndex();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string }>();
  const [pending, setPending] = useState<Pending>();
  useUndoShortcuts(undo, redo);

  const target = targetOf(draft);
  const locations = useMemo(() => locateAssets(draft, index.bundles), [draft, index.bundles]);
  const urls = useMemo(() => new Map(locations.flatMap((asset) => (asset.url ? [[asset.id, asset.url] as const] : []))), [locations]);
  const names = useMemo(() => new Map(locations.map((asset) => [asset.id, asset.name] as const)), [locations]);
  // Stored downloads keep their listing record (name, version, uri), as the run page's do.
  const records = useMemo(() => new Map(index.bundles.map((entry) => [entry.bundle.id, entry.bundle] as const)), [index.bundles]);
  const localOnly = useMemo(() => locations.filter((asset) => !asset.url).map((asset) => asset.id), [locations]);
  const sizes = useAssetSizes(urls);
  const problems = useMemo(() => checkDraft(draft, { sizes }), [draft, sizes]);
  // Until the listings have loaded, an asset without a URL may just not be located yet.
  const blocker = bootBlocker(problems) ?? (index.isLoading && localOnly.length > 0 ? 'the listings are still loading (they say where the assets download from)' : undefined);
  const isEmpty = draftToText(draft) === draftToText(emptyDraft());

  const edit = useCallback((change: Edit) => {
    const result = apply(change);
    setMessage(result.ok ? undefined : { tone: 'error', text: result.error.message });
  }, [apply]);

  // Following a package's repos (as carti's machine install does) happens only once the package is accepted.
  const follow = useCallback((pkg: CartiPackage): string[] => {
    const added = reposToFollow(pkg, listingSourcesStore.getState().sources).filter((repo) => listingSourcesStore.getState().addSource(repo).ok);
    return added.length > 0 ? [`Now following the package's listings: ${added.join(', ')}.`] : [];
  }, []);

  const accept = useCallback((pkg: CartiPackage, notes: readonly string[], followFrom: CartiPackage = pkg) => {
    replace(pkg);
    const all = [...notes, ...follow(followFrom)];
    setMessage(all.length > 0 ? { tone: 'info', text: all.join(' ') } : undefined);
  }, [replace, follow]);

  const offer = useCallback((title: string, pkg: CartiPackage, notes: readonly string[] = []) => {
    if (isEmpty) accept(pkg, notes);
    else setPending({ kind: 'replace', title, pkg, notes });
  }, [isEmpty, accept]);

  const loadText = useCallback(async (text: string, source: string) => {
    const parsed = parsePackageText(text, source);
    if (!parsed.value) return setMessage({ tone: 'error', text: (parsed.errors[0] ?? new Error(`${source}: not a machine package`)).message });
    const pkg = parsed.value;
    if (isLegacyPackage(pkg)) {
      try {
        const conversion = convertLegacyPackage(pkg, conversionDefaultsFrom(await fetchPackage(DEFAULT_MACHINE_URL)));
        return setPending({ kind: 'legacy', source, original: pkg, conversion });
      } catch (error) {
        return setMessage({ tone: 'error', text: `${source}: cannot convert the ROM-era package: ${(error as Error).message}` });
      }
    }
    offer(`Replace the current draft with ${source}?`, pkg);
  }, [offer]);

  // A share link: the package in the fragment, confirmed before it replaces a non-empty draft. Read on load
  // and whenever the fragment changes (a link opened in a tab that already shows the composer).
  const openShared = useCallback(() => {
    if (!hasSharedPackage(window.location.hash)) return;
    const hash = window.location.hash;
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
    void decodeShareFragment(hash).then((shared) => {
      if (!('pkg' in shared)) return setMessage({ tone: 'error', text: shared.message });
      const notes = shared.localOnly.length > 0
        ? [`The sender had ${shared.localOnly.length} asset(s) only in their own browser store (${shared.localOnly.join(', ')}): they will not download until published.`]
        : [];
      offer('Replace the current draft with the shared package?', shared.pkg, notes);
    });
  }, [offer]);
  useEffect(() => {
    if (!composer.hydrated) return;
    openShared();
    window.addEventListener('hashchange', openShared);
    return () => window.removeEventListener('hashchange', openShared);
  }, [composer.hydrated, openShared]);
  useIpfsShareLink({ ready: composer.hydrated, offer, onMessage: setMessage });

  const startDefault = async () => {
    try {
      offer('Replace the current draft with the default machine?', await fetchPackage(DEFAULT_MACHINE_URL));
    } catch (error) {
      setMessage({ tone: 'error', text: (error as Error).message });
    }
  };

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpBetweenSlots }),
  );

  // Listings carry no sizes: ask for the dropped bundle's size first, so its drive gets the right length.
  const sizeOf = async (id: string): Promise<bigint | undefined> => {
    const known = sizes.get(id);
    if (known !== undefined) return known;
    const entry = index.bundles.find((candidate) => candidate.bundle.id === id);
    const url = entry?.origins.map((origin) => entry.resolvedUris[origin]).find((uri) => uri !== undefined);
    if (!url) return undefined;
    const size = await queryClient.fetchQuery(assetSizeQuery(url)).catch(() => null);
    return size ?? undefined;
  };

  // Every drop (palette drag, keyboard drag, a browse row dragged from another window) follows one rule.
  const dropOn = async (bundle: Bundle, slot: SlotTarget) => {
    const refusal = refusedDrop(draft, bundle, slot);
    if (refusal !== undefined) return setMessage({ tone: 'error', text: refusal });
    const size = slot.kind === 'rom' ? undefined : await sizeOf(bundle.id);
    edit((p) => dropBundle(p, bundle, slot, size));
  };
  const nativeDrop: NativeDropHandlers = {
    onBundle: (bundle, slot) => void dropOn(bundle, slot),
    onError: (error) => setMessage({ tone: 'error', text: `The dragged item is not a bundle: ${error.message}` }),
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const bundle = (active.data.current as BundleDragData | undefined)?.bundle;
    const slot = over?.data.current as SlotTarget | undefined;
    if (bundle && slot) await dropOn(bundle, slot);
  };

  const confirmPending = () => {
    if (!pending) return;
    if (pending.kind === 'replace') accept(pending.pkg, pending.notes);
    else accept(pending.conversion.pkg, [`Converted ${pending.source} to v0.21 (${pending.conversion.changes.length} changes, recorded in metadata.cartiStudio.conversion).`], pending.original);
    setPending(undefined);
  };

  return (
    <DndContext sensors={sensors} collisionDetection={collision} onDragEnd={(event) => void onDragEnd(event)} accessibility={{ announcements, screenReaderInstructions }}>
      <NativeDropContext.Provider value={nativeDrop}>
        <div className="space-y-4">
          <header className="flex flex-wrap items-center gap-2">
            <h1 className="mr-4 text-2xl font-semibold tracking-tight text-slate-900">Compose</h1>
            <Button onClick={() => void startDefault()}>Start from the default machine</Button>
            <Button onClick={() => composer.newDraft()}>New</Button>
            <Button onClick={undo} disabled={!composer.canUndo} aria-keyshortcuts="Control+Z">Undo</Button>
            <Button onClick={redo} disabled={!composer.canRedo} aria-keyshortcuts="Control+Shift+Z">Redo</Button>
            <span className="text-xs text-slate-500">Target: {target === 'legacy' ? 'ROM-era (legacy)' : 'Cartesi Machine v0.21'}</span>
          </header>
          {message && (
            <p role={message.tone === 'error' ? 'alert' : 'status'} data-testid="compose-message" className={`rounded-md border p-2 text-sm ${message.tone === 'error' ? 'border-rose-200 bg-rose-50 text-rose-800' : 'border-sky-200 bg-sky-50 text-sky-900'}`}>
              {message.text}
            </p>
          )}
          {target === 'legacy' && (
            <p className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">
              This is a ROM-era package: it cannot boot on v0.21.{' '}
              <Button size="sm" onClick={() => void loadText(draftToText(draft), 'the current draft')}>Convert to v0.21…</Button>
            </p>
          )}
          <div className="grid gap-4 lg:grid-cols-[16rem_1fr_24rem]">
            <aside><BundlePalette bundles={index.bundles} loading={index.isLoading} /></aside>
            <section aria-label="Machine" className="space-y-3">
              <MachineSlots pkg={draft} target={target} problems={problems} sizes={sizes} edit={edit} />
              <BootEditor pkg={draft} target={target} problems={problems} edit={edit} />
              <BootPanel pkg={draft} blocker={blocker} urls={urls} records={records} />
            </section>
            <aside className="space-y-3">
              <ExportPanel pkg={draft} />
              <SharePanel pkg={draft} localOnly={localOnly} names={names} bundles={index.bundles} />
              <ImportPanel onText={(text, source) => void loadText(text, source)} />
              <DriveComposePanel pkg={draft} bundles={index.bundles} edit={edit} />
              <ImageDropPanel edit={edit} />
            </aside>
          </div>
        </div>
        {pending?.kind === 'replace' && (
          <ConfirmDialog title={pending.title} confirmText="Replace draft" onConfirm={confirmPending} onCancel={() => setPending(undefined)}>
            <p>Your current draft will be replaced (Undo brings it back).</p>
            {pending.notes.map((note) => <p key={note} className="mt-1 text-amber-800">{note}</p>)}
          </ConfirmDialog>
        )}
        {pending?.kind === 'legacy' && (
          <ConfirmDialog title="Convert this ROM-era package to v0.21?" confirmText="Convert" onConfirm={confirmPending} onCancel={() => setPending(undefined)}>
            <p>{pending.source} targets a ROM-era Cartesi Machine, which cannot boot here. Converting makes these changes:</p>
            <ul aria-label="Conversion changes" className="mt-2 list-disc space-y-0.5 pl-5 text-xs">
              {pending.conversion.changes.map((change) => <li key={change}>{change}</li>)}
            </ul>
          </ConfirmDialog>
        )}
      </NativeDropContext.Provider>
    </DndContext>
  );
}
