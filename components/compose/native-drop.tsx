'use client';
/**
 * Native (HTML) drag and drop into the composer's slots: a browse-table row dragged from another tab or
 * window carries its bundle record (lib/compose/bundle-drop `BUNDLE_TRANSFER_TYPE`). @dnd-kit handles drags
 * that start inside the composer (with keyboard support); this handles the ones that start elsewhere. Both end
 * in the same `dropBundle` rule.
 */
import { createContext, useContext, useState, type DragEvent } from 'react';
import { BUNDLE_TRANSFER_TYPE, decodeBundleTransfer, encodeBundleTransfer, type DropTarget } from '@/lib/compose/bundle-drop';
import type { CartiError } from '@/lib/carti/errors';
import type { Bundle } from '@/lib/carti/types';

export interface NativeDropHandlers {
  readonly onBundle: (bundle: Bundle, target: DropTarget) => void;
  readonly onError: (error: CartiError) => void;
}

export const NativeDropContext = createContext<NativeDropHandlers | undefined>(undefined);

const carriesBundle = (event: DragEvent) => event.dataTransfer.types.includes(BUNDLE_TRANSFER_TYPE);

/** Props for a slot element, and whether a native drag is over it (for the highlight). */
export function useNativeDrop(target: DropTarget) {
  const handlers = useContext(NativeDropContext);
  const [over, setOver] = useState(false);
  const props = handlers === undefined ? {} : {
    onDragOver: (event: DragEvent) => {
      if (!carriesBundle(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: () => setOver(false),
    onDrop: (event: DragEvent) => {
      setOver(false);
      if (!carriesBundle(event)) return;
      event.preventDefault();
      const bundle = decodeBundleTransfer(event.dataTransfer.getData(BUNDLE_TRANSFER_TYPE));
      if (bundle instanceof Error) handlers.onError(bundle);
      else handlers.onBundle(bundle, target);
    },
  };
  return { over, props };
}

/** Props that make an element (a browse row) drag its bundle record to a composer, here or in another window. */
export function bundleDragSource(bundle: Bundle) {
  return {
    draggable: true,
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.setData(BUNDLE_TRANSFER_TYPE, encodeBundleTransfer(bundle));
      event.dataTransfer.setData('text/plain', bundle.id);
      event.dataTransfer.effectAllowed = 'copy';
    },
  };
}
