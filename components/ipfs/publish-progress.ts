/** Progress wording for lib/ipfs publish phases, shared by every publish control. */
import type { PublishProgress } from '@/lib/ipfs/publish';

export function publishProgressLabel(progress: PublishProgress, what?: string): string {
  const verb = progress.phase === 'hashing' ? 'Computing the carti id and CID of' : 'Adding to the IPFS node:';
  return `${verb} ${what ?? 'the file'}`;
}
