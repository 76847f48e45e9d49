/**
 * The composer's empty draft and its bigint-safe text form. A draft is always a `CartiPackage`; its stored
 * form is the package JSON (carti-formats.md §4, HexNumbers as strings), so localStorage, undo history and
 * share links never hold a `bigint` that JSON cannot write.
 */
import { parsePackageText, serializePackage } from '../carti/package';
import { V021_DEFAULT_RAM_LENGTH } from '../carti/package-ops';
import { withStudioMetadata } from '../carti/studio-metadata';
import type { CartiError } from '../carti/errors';
import type { CartiPackage } from '../carti/types';

/** A v0.21 machine with no RAM image and no drive yet: what "New" gives. */
export function emptyDraft(): CartiPackage {
  return withStudioMetadata({
    machineConfig: { boot: { args: '' }, ram: { length: V021_DEFAULT_RAM_LENGTH, cid: '' }, flash_drive: [] },
    assets: [],
    version: '0.0.0-development',
  }, { version: 1, targetMachine: 'v0.21' });
}

export function draftToText(pkg: CartiPackage): string {
  return serializePackage(pkg);
}

/**
 * Text → package. An editable draft may break semantic rules (they are shown live), so only a structurally
 * unreadable text is refused.
 */
export function draftFromText(text: string, input = 'composer draft'): { pkg?: CartiPackage; error?: CartiError } {
  const parsed = parsePackageText(text, input);
  if (parsed.value) return { pkg: parsed.value };
  return { error: parsed.errors[0] };
}
