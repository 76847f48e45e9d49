'use client';
import Link from 'next/link';
import { useEffect, useRef, useState, type UIEvent } from 'react';
import { useStore } from 'zustand';
import { Badge, bundleTypeTone } from '@/components/ui/badge';
import type { IndexedBundle } from '@/lib/carti/types';
import { bundleViewStore, type SortKey } from '@/lib/state/bundle-view';
import { visibleRange } from './visible-range';
import { bundleDragSource } from '@/components/compose/native-drop';

const ROW_HEIGHT_PX = 44;
const GRID = 'grid grid-cols-[minmax(10rem,2fr)_7rem_minmax(5rem,1fr)_minmax(8rem,1.5fr)_minmax(10rem,2fr)_5.5rem] gap-3 px-4';

const columns: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'bundleType', label: 'Type' },
  { key: 'version', label: 'Version' },
  { key: 'fileName', label: 'File' },
  { key: 'id', label: 'Id' },
  { key: null, label: 'Listings' },
];

function SortHeader({ column }: { column: (typeof columns)[number] }) {
  const { sortKey, sortDirection, sortBy } = useStore(bundleViewStore);
  if (column.key === null) {
    return (
      <div role="columnheader" className="py-2.5">
        {column.label}
      </div>
    );
  }
  const key = column.key;
  const active = sortKey === key;
  return (
    <div role="columnheader" aria-sort={active ? (sortDirection === 'asc' ? 'ascending' : 'descending') : 'none'} className="py-1.5">
      <button
        type="button"
        onClick={() => sortBy(key)}
        className={`inline-flex items-center gap-1 rounded px-1 py-1 -ml-1 hover:bg-slate-200/60 focus-visible:outline-2 focus-visible:outline-indigo-600 ${active ? 'text-slate-900' : ''}`}
      >
        {column.label}
        <span aria-hidden className="text-[10px]">
          {active ? (sortDirection === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </div>
  );
}

function BundleRow({ entry, rowIndex }: { entry: IndexedBundle; rowIndex: number }) {
  const { bundle } = entry;
  return (
    // Draggable: a row dropped on a composer slot, in this window or another, adds the bundle there.
    <div role="row" aria-rowindex={rowIndex} {...bundleDragSource(bundle)} className={`${GRID} cursor-grab items-center border-b border-slate-100 text-sm hover:bg-indigo-50/40`} style={{ height: ROW_HEIGHT_PX }} data-testid="bundle-row">
      <div role="cell" className="truncate">
        <Link href={`/bundle/${bundle.id}`} className="font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600" title={bundle.name}>
          {bundle.name}
        </Link>
      </div>
      <div role="cell">
        <Badge tone={bundleTypeTone(bundle.bundleType)}>{bundle.bundleType}</Badge>
      </div>
      <div role="cell" className="truncate text-slate-700" title={bundle.version}>
        {bundle.version}
      </div>
      <div role="cell" className="truncate font-mono text-xs text-slate-600" title={bundle.fileName}>
        {bundle.fileName}
      </div>
      <div role="cell" className="truncate font-mono text-xs text-slate-500" title={bundle.id}>
        {bundle.id}
      </div>
      <div role="cell" className="text-xs text-slate-500 tabular-nums">
        {entry.origins.length}
      </div>
    </div>
  );
}

/** The bundle table: sortable headers, and only the visible rows rendered so thousands scroll smoothly. */
export function BundleTable({ rows, emptyText }: { rows: readonly IndexedBundle[]; emptyText: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  const [viewportPx, setViewportPx] = useState(600);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewportPx(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const range = visibleRange(scrollTopPx, viewportPx, ROW_HEIGHT_PX, rows.length);
  const onScroll = (event: UIEvent<HTMLDivElement>) => setScrollTopPx(event.currentTarget.scrollTop);

  return (
    <div role="table" aria-label="Bundles" aria-rowcount={rows.length + 1} className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm">
      <div role="rowgroup" className="border-b border-slate-200 bg-slate-50 text-xs font-semibold text-slate-500">
        <div role="row" aria-rowindex={1} className={GRID}>
          {columns.map((column) => (
            <SortHeader key={column.label} column={column} />
          ))}
        </div>
      </div>
      <div ref={scrollRef} onScroll={onScroll} role="rowgroup" className="max-h-[min(65vh,44rem)] overflow-y-auto" data-testid="bundle-scroll">
        {rows.length === 0 ? (
          <p className="p-8 text-center text-sm text-slate-500">{emptyText}</p>
        ) : (
          <div style={{ paddingTop: range.paddingTopPx, paddingBottom: range.paddingBottomPx }}>
            {rows.slice(range.start, range.end).map((entry, offset) => (
              // Row 1 is the header row; aria-rowindex lets screen readers place a windowed row in the table.
              <BundleRow key={entry.bundle.id} entry={entry} rowIndex={range.start + offset + 2} />
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
