'use client';
/**
 * The palette: every bundle of the followed listings (the merged index), each a drag handle. Dragging works
 * with the mouse, touch and the keyboard (focus a bundle, space to pick it up, arrows to choose a slot).
 */
import { useDraggable } from '@dnd-kit/core';
import { useId, useState } from 'react';
import { Badge, bundleTypeTone } from '@/components/ui/badge';
import type { IndexedBundle } from '@/lib/carti/types';
import type { BundleDragData } from './dnd';

function PaletteItem({ entry }: { entry: IndexedBundle }) {
  const { bundle } = entry;
  const data: BundleDragData = { bundle };
  const { attributes, listeners, setNodeRef, isDragging, transform } = useDraggable({ id: `bundle:${bundle.id}`, data });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  return (
    <li
      ref={setNodeRef}
      style={style}
      {...listeners}
      {...attributes}
      aria-label={`${bundle.bundleType} bundle ${bundle.name} ${bundle.version}`}
      data-bundle-id={bundle.id}
      className={`flex cursor-grab items-center justify-between gap-2 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600 ${isDragging ? 'relative z-30 opacity-80 shadow-lg' : ''}`}
    >
      <span className="min-w-0 truncate">
        <span className="font-medium text-slate-900">{bundle.name}</span>{' '}
        <span className="text-xs text-slate-500">{bundle.version}</span>
      </span>
      <Badge tone={bundleTypeTone(bundle.bundleType)}>{bundle.bundleType}</Badge>
    </li>
  );
}

export function BundlePalette({ bundles, loading }: { bundles: readonly IndexedBundle[]; loading: boolean }) {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const shown = needle === '' ? bundles : bundles.filter((entry) => `${entry.bundle.name} ${entry.bundle.bundleType} ${entry.bundle.id}`.toLowerCase().includes(needle));
  return (
    <section aria-labelledby="palette-title" className="space-y-2">
      <h2 id="palette-title" className="text-sm font-semibold text-slate-900">Bundles</h2>
      <label htmlFor={filterId} className="sr-only">Filter bundles</label>
      <input
        id={filterId}
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
        placeholder="Filter bundles"
        className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
      />
      {loading && bundles.length === 0 && <p className="text-sm text-slate-500">Loading listings…</p>}
      {!loading && shown.length === 0 && <p className="text-sm text-slate-500">No bundle matches.</p>}
      <ul aria-label="Bundle palette" className="space-y-1.5">
        {shown.map((entry) => <PaletteItem key={entry.bundle.id} entry={entry} />)}
      </ul>
      <p className="text-xs text-slate-500">Drag a bundle onto a slot, or focus it and press space, then the arrow keys and space again.</p>
    </section>
  );
}
