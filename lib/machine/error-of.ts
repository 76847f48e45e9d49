import { CartiError } from './errors';

/** The CartiError that `action` throws (for tests that check an error's code, input and location). */
export function errorOf(action: () => unknown): CartiError {
  try {
    action();
  } catch (error) {
    if (error instanceof CartiError) return error;
    throw error;
  }
  throw new Error('expected a CartiError');
}
