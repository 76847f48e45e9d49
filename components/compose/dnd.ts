'use client';
/**
 * Drag and drop plumbing for the composer (@dnd-kit/core): slot ids, a collision rule that uses the pointer
 * when there is one and the nearest slot for the keyboard, a keyboard coordinate getter that jumps from slot to
 * slot with the arrow keys, and the screen-reader announcements.
 */
import {
  closestCenter, pointerWithin, type Announcements, type CollisionDetection, type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import type { Bundle } from '@/lib/carti/types';
import type { SlotKind } from '@/lib/compose/slot-rules';
import type { DropTarget } from '@/lib/compose/bundle-drop';

/** A slot's droppable data: where a bundle dropped on it goes (lib/compose/bundle-drop). */
export type SlotTarget = DropTarget;

export interface BundleDragData {
  readonly bundle: Bundle;
}

export const slotId = (kind: SlotKind, index?: number) => (index === undefined ? `slot:${kind}` : `slot:${kind}:${index}`);

export const collision: CollisionDetection = (args) => (args.pointerCoordinates ? pointerWithin(args) : closestCenter(args));

const NEXT_KEYS = ['ArrowDown', 'ArrowRight'];
const PREVIOUS_KEYS = ['ArrowUp', 'ArrowLeft'];

/** Arrow keys move the dragged bundle to the centre of the next or previous slot (in reading order). */
export const jumpBetweenSlots: KeyboardCoordinateGetter = (event, { context }) => {
  const step = NEXT_KEYS.includes(event.code) ? 1 : PREVIOUS_KEYS.includes(event.code) ? -1 : 0;
  if (step === 0) return undefined;
  event.preventDefault();
  const { active, collisionRect, droppableRects, droppableContainers, over } = context;
  if (!active || !collisionRect) return undefined;
  const slots = droppableContainers
    .getEnabled()
    .map((container) => ({ id: container.id, rect: droppableRects.get(container.id) }))
    .filter((slot): slot is { id: typeof slot.id; rect: NonNullable<typeof slot.rect> } => slot.rect !== undefined)
    .sort((a, b) => a.rect.top - b.rect.top || a.rect.left - b.rect.left);
  if (slots.length === 0) return undefined;
  const current = over ? slots.findIndex((slot) => slot.id === over.id) : -1;
  const next = current < 0 ? (step > 0 ? 0 : slots.length - 1) : (current + step + slots.length) % slots.length;
  const target = slots[next]!.rect;
  return {
    x: target.left + target.width / 2 - collisionRect.width / 2,
    y: target.top + target.height / 2 - collisionRect.height / 2,
  };
};

const bundleWords = (data: unknown) => {
  const bundle = (data as BundleDragData | undefined)?.bundle;
  return bundle ? `${bundle.bundleType} bundle ${bundle.name}` : 'bundle';
};
const slotWords = (data: unknown) => (data as SlotTarget | undefined)?.title ?? 'no slot';

export const announcements: Announcements = {
  onDragStart: ({ active }) => `Picked up ${bundleWords(active.data.current)}. Use the arrow keys to move between slots, space to drop, escape to cancel.`,
  onDragOver: ({ active, over }) => (over ? `${bundleWords(active.data.current)} is over ${slotWords(over.data.current)}.` : `${bundleWords(active.data.current)} is over no slot.`),
  onDragEnd: ({ active, over }) => (over ? `Dropped ${bundleWords(active.data.current)} on ${slotWords(over.data.current)}.` : `${bundleWords(active.data.current)} was dropped outside the slots.`),
  onDragCancel: ({ active }) => `Dragging ${bundleWords(active.data.current)} was cancelled.`,
};

export const screenReaderInstructions = {
  draggable: 'To pick up a bundle, press space or enter. Use the arrow keys to move it from slot to slot, press space or enter to drop it, or escape to cancel.',
};
