/** Test helper: real carti ids of small byte strings, so fixtures never hold made-up ids. */
import { idOfBytes } from './id';

export async function idsOf(...texts: string[]): Promise<string[]> {
  return Promise.all(texts.map((text) => idOfBytes(text)));
}
