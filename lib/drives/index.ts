/** lib/drives: composing flash drives (ext2 images, tar archives) into one deterministic ext2 drive (issue 5). */
export {
  composeDrives, checkComposition, idOfSource, CompositionConflictError, DEFAULT_COMPOSITION_OPTIONS,
  type ComposeSource, type ComposeResult, type ComposeProgress, type CompositionCheck, type CompositionOptions, type CompositionRecord,
  type Conflict, type ConflictPolicy,
} from './compose';
export { sourceKind, sourceTree, type SourceKind } from './sources';
export { tarToTree } from './tar-tree';
export { placeDriveBundle, recordComposition, type DrivePlacement } from './package-record';
