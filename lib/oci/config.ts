/**
 * The image configuration (spec §1.3) turned into the machine's settings: the command is Entrypoint followed
 * by Cmd; Env in order; WorkingDir; User. Recorded as `metadata.cartiStudio.oci` (lib/carti STUDIO-METADATA.md).
 */
import { CartiError } from '../machine/errors';
import { isObject, stringsOf, type JsonObject } from './json';
import { platformName, type Platform } from './select';

export interface OciImageSettings {
  entrypoint: string[];
  env: string[];
  workdir?: string;
  user?: string;
}

export function configPlatform(config: JsonObject): Partial<Platform> {
  return {
    ...(typeof config.os === 'string' ? { os: config.os } : {}),
    ...(typeof config.architecture === 'string' ? { architecture: config.architecture } : {}),
    ...(typeof config.variant === 'string' ? { variant: config.variant } : {}),
  };
}

/** Refuses an image whose config is not for `wanted`, naming the image's platform (issue 5). */
export function checkConfigPlatform(config: JsonObject, wanted: Platform, inputName: string): void {
  const platform = configPlatform(config);
  if (platform.architecture !== wanted.architecture || (platform.os !== undefined && platform.os !== wanted.os)) {
    throw new CartiError('OCI_WRONG_PLATFORM', inputName, 'image config', `the image is for ${platformName(platform)}, not ${platformName(wanted)}; Cartesi machines run riscv64 images (build with --platform linux/riscv64)`);
  }
}

export function imageSettings(config: JsonObject): OciImageSettings {
  const section = isObject(config.config) ? config.config : {};
  const entrypoint = [...(stringsOf(section.Entrypoint) ?? []), ...(stringsOf(section.Cmd) ?? [])];
  const settings: OciImageSettings = { entrypoint, env: stringsOf(section.Env) ?? [] };
  if (typeof section.WorkingDir === 'string' && section.WorkingDir !== '') settings.workdir = section.WorkingDir;
  if (typeof section.User === 'string' && section.User !== '') settings.user = section.User;
  return settings;
}

/**
 * `carti-studio run` / cartesi-machine flags for the settings. An image without User runs as root, as Docker
 * does; cartesi-init's own default (dapp) applies only to machines that are not imported images.
 */
export function runArgsOf(settings: OciImageSettings): string[] {
  const args = [`--user=${settings.user ?? 'root'}`];
  for (const variable of settings.env) args.push(`--env=${variable}`);
  if (settings.workdir) args.push(`--workdir=${settings.workdir}`);
  if (settings.entrypoint.length > 0) args.push('--', ...settings.entrypoint);
  return args;
}
