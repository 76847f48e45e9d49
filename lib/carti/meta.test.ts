import { describe, expect, it } from 'vitest';
import { parseMetaText, serializeMeta } from './meta';
import { HELLO_ID } from './id';

const bundle = { bundleType: 'ram', name: 'kernel', fileName: 'linux.bin', id: HELLO_ID, version: '1.0.0', uri: 'https://x/linux.bin' } as const;

describe('carti-meta.json', () => {
  it('reads the full bundle record written on install', () => {
    expect(parseMetaText(JSON.stringify(bundle)).value).toEqual({ kind: 'bundle', bundle });
  });

  it('reads the shape of `carti bundle` with the leaked author path', () => {
    const meta = parseMetaText('{"bundleType":"flashdrive","name":"d","fileName":"d.ext2","path":"/home/me/d.ext2","version":"1"}').value;
    expect(meta).toEqual({ kind: 'authored', bundleType: 'flashdrive', name: 'd', fileName: 'd.ext2', path: '/home/me/d.ext2', version: '1' });
  });

  it('reads the {fileName} shape of packing from Lua', () => {
    expect(parseMetaText('{"fileName":"/abs/rootfs.ext2"}').value).toEqual({ kind: 'packed', fileName: '/abs/rootfs.ext2' });
  });

  it('reports a meta file that is not JSON', () => {
    expect(parseMetaText('nope', 'store/x/carti-meta.json').errors[0]?.input).toBe('store/x/carti-meta.json');
  });

  it('writes compact JSON with a trailing newline and no path', () => {
    const text = serializeMeta(bundle);
    expect(text).toBe(`${JSON.stringify(bundle)}\n`);
    expect(text).not.toMatch(/"path"/);
  });
});
