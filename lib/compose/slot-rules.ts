/**
 * Which bundle may go into which composer slot (carti-formats.md §3.1 bundle types, §4.2 machineConfig):
 * `ram` bundles are RAM images (the kernel), `rom` bundles are ROM images (ROM-era machines only, §9), and
 * `flashdrive` or `raw` bundles back flash drives. A refused drop says why, in words the user can act on.
 */
import type { BundleType, TargetMachine } from '../carti/types';

export type SlotKind = 'ram' | 'rom' | 'root' | 'drive';

export type DropVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const TYPE_WORDS: Record<BundleType, string> = { ram: 'a RAM (kernel) bundle', rom: 'a ROM bundle', flashdrive: 'a flashdrive bundle', raw: 'a raw bundle' };
const SLOT_WORDS: Record<SlotKind, string> = { ram: 'the RAM image', rom: 'the ROM image', root: 'the root drive', drive: 'a flash drive' };

const ACCEPTS: Record<SlotKind, readonly BundleType[]> = {
  ram: ['ram'],
  rom: ['rom'],
  root: ['flashdrive'],
  drive: ['flashdrive', 'raw'],
};

/** Whether a bundle of `bundleType` may be dropped on `slot` of a machine targeting `target`. */
export function canDrop(bundleType: BundleType, slot: SlotKind, target: TargetMachine): DropVerdict {
  if (slot === 'rom' && target !== 'legacy') {
    return { ok: false, reason: 'v0.21 machines have no ROM: the emulator builds the device tree itself (only ROM-era packages take a ROM)' };
  }
  if (ACCEPTS[slot].includes(bundleType)) return { ok: true };
  const fits = (Object.keys(ACCEPTS) as SlotKind[]).filter((kind) => ACCEPTS[kind].includes(bundleType) && !(kind === 'rom' && target !== 'legacy'));
  const hint = fits.length > 0 ? `; drop it on ${fits.map((kind) => SLOT_WORDS[kind]).join(' or ')}` : '';
  return { ok: false, reason: `${TYPE_WORDS[bundleType]} cannot be ${SLOT_WORDS[slot]}${hint}` };
}
