import { describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_PATH, runSourceParam } from './run-source';

describe('runSourceParam', () => {
  it('gives the fallback when the parameter is absent', () => {
    expect(runSourceParam('package', undefined, DEFAULT_PACKAGE_PATH)).toEqual({ ok: true, path: DEFAULT_PACKAGE_PATH });
  });

  it('gives the fallback when the parameter is empty', () => {
    expect(runSourceParam('package', '  ', DEFAULT_PACKAGE_PATH)).toEqual({ ok: true, path: DEFAULT_PACKAGE_PATH });
  });

  it('keeps a path on this site with its query', () => {
    expect(runSourceParam('package', '/default/calculator-machine-package.json?v=2', DEFAULT_PACKAGE_PATH))
      .toEqual({ ok: true, path: '/default/calculator-machine-package.json?v=2' });
  });

  it('refuses an absolute URL of another origin and names the parameter', () => {
    const result = runSourceParam('listing', 'https://example.com/bundles.json', '/default/bundles.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('?listing=https://example.com/bundles.json refused');
  });

  it('refuses a protocol-relative URL', () => {
    expect(runSourceParam('package', '//example.com/p.json', DEFAULT_PACKAGE_PATH).ok).toBe(false);
  });

  it('refuses a backslash path that browsers read as another host', () => {
    expect(runSourceParam('package', '/\\example.com/p.json', DEFAULT_PACKAGE_PATH).ok).toBe(false);
  });

  it('refuses a relative path, which would depend on the page URL', () => {
    expect(runSourceParam('package', 'default/p.json', DEFAULT_PACKAGE_PATH).ok).toBe(false);
  });

  it('refuses a parameter given twice', () => {
    expect(runSourceParam('package', ['/a.json', '/b.json'], DEFAULT_PACKAGE_PATH).ok).toBe(false);
  });
});
