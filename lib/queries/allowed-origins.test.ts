import { describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { allowedOrigins } from './allowed-origins';

describe('allowedOrigins', () => {
  it('allows the app itself on the port it listens on', () => {
    expect(allowedOrigins({ PORT: '3100' })).toEqual(['http://localhost:3100', 'http://127.0.0.1:3100']);
  });

  it('adds the comma-separated origins of CARTI_STUDIO_ALLOW_ORIGINS, reduced to their origin', () => {
    const origins = allowedOrigins({ PORT: '3100', CARTI_STUDIO_ALLOW_ORIGINS: ' http://127.0.0.1:3199/listing ,http://localhost:3199' });
    expect(origins).toEqual(['http://localhost:3100', 'http://127.0.0.1:3100', 'http://127.0.0.1:3199', 'http://localhost:3199']);
  });

  it('adds the public origin of a deployment from CARTI_STUDIO_ORIGIN', () => {
    expect(allowedOrigins({ PORT: '80', CARTI_STUDIO_ORIGIN: 'https://studio.example.org' })).toContain('https://studio.example.org');
  });

  it('rejects an entry that is not a URL, naming the variable and the entry', () => {
    expect(() => allowedOrigins({ CARTI_STUDIO_ALLOW_ORIGINS: 'http://ok.example,not a url' })).toThrowError(
      /CARTI_STUDIO_ALLOW_ORIGINS: entry 2: "not a url" is not a URL/,
    );
  });

  it('rejects a non-http origin with a typed error', () => {
    let caught: unknown;
    try {
      allowedOrigins({ CARTI_STUDIO_ALLOW_ORIGINS: 'file:///etc' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CartiError);
    expect((caught as CartiError).code).toBe('bad-url');
  });
});
