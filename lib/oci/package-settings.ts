/**
 * An imported image's root drive placed in a machine package (issue 5, "OCI import"): the drive becomes the
 * root, `metadata.cartiStudio.oci` keeps the image settings, and the machine runs them as `carti-studio run`
 * with `runArgsOf` would: the entrypoint is Entrypoint + Cmd, each word shell-quoted (an argv meant literally,
 * lib/machine `entrypointText` join `shell`); init is derived by the exports: the CLI's mount lines for the
 * other drives, then USER (root when the image sets none, as Docker does), the Env exports and WORKDIR.
 * Pure: returns a new package or throws a CartiError.
 */
import { getStudioMetadata, targetOf, withStudioMetadata } from '../carti/studio-metadata';
import type { Bundle, CartiPackage } from '../carti/types';
import { setRootBundle } from '../compose/drive-edits';
import { entrypointText } from '../machine/init-text';
import type { OciImageSettings } from './config';
import { ociMetadata } from './import';

export function withImportedImage(pkg: CartiPackage, root: Pick<Bundle, 'name' | 'fileName' | 'id'>, sizeBytes: bigint, settings: OciImageSettings): CartiPackage {
  const placed = setRootBundle(pkg, root, sizeBytes);
  const meta = getStudioMetadata(placed) ?? { version: 1 as const, targetMachine: targetOf(placed) };
  // No fixed init: the exports derive it from the drives and `oci` (lib/carti/oci-init.ts), so drives added
  // later are mounted too. An init left by an earlier import would override that, so it goes.
  const { init: _fixed, ...rest } = meta;
  return withStudioMetadata(placed, {
    ...rest,
    oci: ociMetadata(settings),
    entrypoint: entrypointText({ argv: settings.entrypoint, join: 'shell' }),
  });
}
