/**
 * An imported image's settings as init lines (issue 5, "OCI import"; cartesi-machine.md §12.4): USER (root when
 * the image names none, as Docker does), the Env exports (an entry without `=` sets an empty value), then
 * WORKDIR — what `cartesi-machine -u/-e/-w` would append, in that order. The exports compute them live from
 * `metadata.cartiStudio.oci`, after the drives' mount lines, so drives added after the import are mounted too.
 */
import type { InitLine } from '../machine/init-text';
import type { OciSettings } from './studio-metadata';

export function ociInitLines(settings: OciSettings): InitLine[] {
  const lines: InitLine[] = [{ kind: 'user', user: settings.user ?? 'root' }];
  for (const variable of settings.env ?? []) {
    const equals = variable.indexOf('=');
    lines.push(equals < 0 ? { kind: 'env', name: variable, value: '' } : { kind: 'env', name: variable.slice(0, equals), value: variable.slice(equals + 1) });
  }
  if (settings.workdir) lines.push({ kind: 'workdir', path: settings.workdir });
  return lines;
}
