/**
 * JSON shapes exchanged between the app's API routes and the browser. A CartiError crosses the wire as plain
 * fields and is rebuilt on the other side, so the UI shows the same message (`input: location: reason`)
 * that the library produced.
 */
import { CartiError } from '../carti/errors';
import type { Severity } from '../carti/errors';
import type { Bundle } from '../carti/types';

export interface WireError {
  readonly code: string;
  readonly input: string;
  readonly location: string;
  readonly reason: string;
  readonly severity: Severity;
  readonly message: string;
}

/** GET /api/listing?source=… answers this with status 200 when the listing could be read. */
export interface ListingResponse {
  readonly source: string;
  /** The URL the listing was read from (relative bundle `uri`s resolve against it). */
  readonly url: string;
  /** The valid records; rejected ones are in `errors`, each naming its JSON path. */
  readonly bundles: readonly Bundle[];
  readonly errors: readonly WireError[];
  readonly warnings: readonly WireError[];
}

/**
 * GET /api/asset repeats the upstream Content-Length in this header: Next.js drops Content-Length from
 * streamed route responses, and the Verify progress bar needs the total.
 */
export const ASSET_LENGTH_HEADER = 'x-asset-length';

/** Any non-200 answer of the API routes. */
export interface ErrorResponse {
  readonly error: WireError;
}

export function errorToWire(error: CartiError): WireError {
  return {
    code: error.code,
    input: error.input,
    location: error.location,
    reason: error.reason,
    severity: error.severity,
    message: error.message,
  };
}

export function errorFromWire(wire: WireError): CartiError {
  return new CartiError(wire.code, wire.input, wire.location, wire.reason, wire.severity);
}

/** Reads an ErrorResponse body, or describes what came instead (a proxy's HTML page, an empty body…). */
export function errorFromResponseBody(body: unknown, input: string, status: number): CartiError {
  const wire = (body as Partial<ErrorResponse> | null)?.error;
  if (wire && typeof wire.code === 'string' && typeof wire.message === 'string') {
    return errorFromWire(wire as WireError);
  }
  return new CartiError('http-status', input, `HTTP ${status}`, 'the server answered without an error description');
}
