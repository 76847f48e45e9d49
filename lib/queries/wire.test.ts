import { describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { errorFromResponseBody, errorFromWire, errorToWire } from './wire';

describe('wire errors', () => {
  it('round-trips a CartiError with its code, place and message', () => {
    const original = new CartiError('bad-id', 'bundles.json', 'bundles[2].id', '"x" is not a carti id', 'error');
    const rebuilt = errorFromWire(JSON.parse(JSON.stringify(errorToWire(original))));
    expect(rebuilt).toBeInstanceOf(CartiError);
    expect(rebuilt.code).toBe('bad-id');
    expect(rebuilt.location).toBe('bundles[2].id');
    expect(rebuilt.message).toBe(original.message);
  });

  it('keeps the severity of a warning', () => {
    const warning = new CartiError('alias-bundle-type', 'bundles.json', 'bundles[0].bundleType', 'flash is an alias', 'warning');
    expect(errorFromWire(errorToWire(warning)).severity).toBe('warning');
  });

  it('reads the error of an API error body', () => {
    const body = { error: errorToWire(new CartiError('blocked-address', 'listing', 'http://10.0.0.1/', 'private address')) };
    expect(errorFromResponseBody(body, 'listing', 403).code).toBe('blocked-address');
  });

  it('describes a body that carries no error', () => {
    const error = errorFromResponseBody('<html>', 'listing', 502);
    expect(error.code).toBe('http-status');
    expect(error.message).toBe('listing: HTTP 502: the server answered without an error description');
  });
});
