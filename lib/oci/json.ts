/** Reading JSON files of an image with errors naming the file and the field. */
import { CartiError } from '../machine/errors';
import type { ByteSource } from '../ext2/tree';
import type { ImageFiles } from './image-files';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const MAX_JSON_BYTES = 16 << 20;

export async function parseJsonSource(source: ByteSource, inputName: string, what: string): Promise<Json> {
  if (source.sizeBytes > MAX_JSON_BYTES) throw new CartiError('OCI_BAD_JSON', inputName, what, `${source.sizeBytes} bytes is too large for a JSON document (limit ${MAX_JSON_BYTES})`);
  const text = new TextDecoder().decode(await source.read(0, source.sizeBytes));
  try {
    return JSON.parse(text) as Json;
  } catch (cause) {
    throw new CartiError('OCI_BAD_JSON', inputName, what, `not valid JSON (${(cause as Error).message})`);
  }
}

export async function readJsonFile(files: ImageFiles, path: string): Promise<Json | undefined> {
  const source = await files.get(path);
  return source ? parseJsonSource(source, files.inputName, path) : undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringsOf(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}
