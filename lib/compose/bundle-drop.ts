/**
 * Dropping a bundle into a draft, wherever the drag started: the composer's own palette (@dnd-kit), a browse
 * table row in another tab or window (native HTML drag and drop, carrying the bundle's listing record), or the
 * "Add to machine" button of a bundle page. One rule for all of them (slot-rules.ts `canDrop`): a refused drop
 * says why, and the same bundle on the same slot always gives the same package.
 */
import { parseBundle, serializeBundle } from '../carti/bundle';
import { CartiError } from '../carti/errors';
import { setRom } from '../carti/package-ops';
import { targetOf } from '../carti/studio-metadata';
import type { Bundle, CartiPackage } from '../carti/types';
import { ROOT_LABEL } from '../machine/constants';
import { addBundleDrive, replaceDriveBundle, setRamBundle, setRootBundle } from './drive-edits';
import { canDrop, type SlotKind } from './slot-rules';

/** The drag data type of a bundle record (a browse row dragged to a composer, even in another window). */
export const BUNDLE_TRANSFER_TYPE = 'application/x-carti-bundle+json';

export interface DropTarget {
  readonly kind: SlotKind;
  /** An existing drive to back with the bundle. */
  readonly index?: number;
  /** Words for messages: "the RAM slot", "drive data". */
  readonly title: string;
}

export function encodeBundleTransfer(bundle: Bundle): string {
  return serializeBundle(bundle);
}

/** The dragged record, validated as a listing entry; an error names the field that is wrong. */
export function decodeBundleTransfer(text: string): Bundle | CartiError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return new CartiError('bad-json', 'dragged bundle', '$', `not JSON: ${(error as Error).message}`);
  }
  const parsed = parseBundle(value, 'dragged bundle');
  return parsed.value && parsed.errors.length === 0 ? parsed.value : parsed.errors[0] ?? new CartiError('wrong-type', 'dragged bundle', '$', 'not a bundle record');
}

/** Where a bundle goes when no slot was chosen: RAM for a kernel, the ROM (ROM-era), root if there is none yet, else a new drive. */
export function defaultTarget(pkg: CartiPackage, bundle: Pick<Bundle, 'bundleType'>): DropTarget {
  if (bundle.bundleType === 'ram') return { kind: 'ram', title: 'the RAM slot' };
  if (bundle.bundleType === 'rom') return { kind: 'rom', title: 'the ROM slot' };
  const hasRoot = pkg.machineConfig.flash_drive.some((drive) => drive.label === ROOT_LABEL);
  return bundle.bundleType === 'flashdrive' && !hasRoot ? { kind: 'root', title: 'the root drive' } : { kind: 'drive', title: 'the drive list' };
}

/** Why `bundle` may not be dropped on `target`, as a sentence for the user; undefined when it may. */
export function refusedDrop(pkg: CartiPackage, bundle: Pick<Bundle, 'bundleType' | 'name'>, target: DropTarget): string | undefined {
  const verdict = canDrop(bundle.bundleType, target.kind, targetOf(pkg));
  return verdict.ok ? undefined : `Cannot drop ${bundle.name} on ${target.title}: ${verdict.reason}.`;
}

/** The draft with `bundle` dropped on `target`; throws a CartiError saying why a drop is refused. */
export function dropBundle(pkg: CartiPackage, bundle: Bundle, target: DropTarget, sizeBytes?: bigint): CartiPackage {
  const refusal = refusedDrop(pkg, bundle, target);
  if (refusal !== undefined) throw new CartiError('wrong-slot', bundle.name, target.title, refusal);
  if (target.kind === 'ram') return setRamBundle(pkg, bundle, sizeBytes);
  if (target.kind === 'rom') return setRom(pkg, { bundle });
  if (target.index !== undefined) return replaceDriveBundle(pkg, target.index, bundle, sizeBytes);
  if (target.kind === 'root') return setRootBundle(pkg, bundle, sizeBytes);
  return addBundleDrive(pkg, bundle, sizeBytes);
}
