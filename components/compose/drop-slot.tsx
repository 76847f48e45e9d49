'use client';
/** A droppable area for one slot; highlights while a bundle is over it. */
import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import type { SlotKind } from '@/lib/compose/slot-rules';
import { slotId, type SlotTarget } from './dnd';
import { useNativeDrop } from './native-drop';

export function DropSlot({ kind, index, title, children, className = '' }: { kind: SlotKind; index?: number; title: string; children: ReactNode; className?: string }) {
  const data: SlotTarget = { kind, title, ...(index !== undefined ? { index } : {}) };
  const { setNodeRef, isOver } = useDroppable({ id: slotId(kind, index), data });
  const native = useNativeDrop(data);
  return (
    <div
      ref={setNodeRef}
      {...native.props}
      data-slot={slotId(kind, index)}
      className={`rounded-lg border-2 border-dashed p-3 transition-colors ${isOver || native.over ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 bg-white'} ${className}`}
    >
      {children}
    </div>
  );
}
