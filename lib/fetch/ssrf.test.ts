import { describe, expect, it } from 'vitest';
import { CartiError } from '../carti/errors';
import { checkUrlAllowed, isBlockedAddress, parseIpLiteral } from './ssrf';
import { nodeResolveHost } from './dns.node.js';

describe('IP literals', () => {
  it('parses decimal, octal, hex and short IPv4 forms to the same address', () => {
    for (const form of ['127.0.0.1', '2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1', '0x7f000001']) {
      expect(parseIpLiteral(form), form).toEqual({ family: 4, bytes: [127, 0, 0, 1] });
    }
  });

  it('parses IPv6 with :: and an embedded IPv4', () => {
    expect(parseIpLiteral('::ffff:10.0.0.1')?.bytes.slice(10)).toEqual([0xff, 0xff, 10, 0, 0, 1]);
    expect(parseIpLiteral('[fe80::1]')?.bytes[0]).toBe(0xfe);
  });

  it('rejects host names and malformed literals', () => {
    for (const text of ['example.org', '256.0.0.1', '1.2.3.4.5', '1::2::3', '08.0.0.1']) expect(parseIpLiteral(text), text).toBeUndefined();
  });
});

describe('blocked addresses', () => {
  it('refuses private, loopback, link-local and unspecified IPv4', () => {
    for (const ip of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '224.0.0.1']) {
      expect(isBlockedAddress(ip), ip).toBeDefined();
    }
  });

  it('accepts public IPv4', () => {
    for (const ip of ['8.8.8.8', '172.32.0.1', '140.82.112.3']) expect(isBlockedAddress(ip), ip).toBeUndefined();
  });

  it('refuses loopback, unspecified, link-local and unique-local IPv6', () => {
    for (const ip of ['::1', '::', 'fe80::1', 'fd00::1', 'fc12::3', 'ff02::1']) expect(isBlockedAddress(ip), ip).toBeDefined();
  });

  it('refuses private IPv4 hidden in IPv6 forms', () => {
    for (const ip of ['::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a9fe:a9fe', '::10.0.0.1', '64:ff9b::192.168.0.1', '2002:c0a8:0101::1']) {
      expect(isBlockedAddress(ip), ip).toBeDefined();
    }
  });

  it('accepts public IPv6', () => {
    expect(isBlockedAddress('2606:4700:4700::1111')).toBeUndefined();
    expect(isBlockedAddress('::ffff:8.8.8.8')).toBeUndefined();
  });
});

describe('checkUrlAllowed', () => {
  const refused = async (url: string, options = {}) => {
    try {
      await checkUrlAllowed(new URL(url), options);
      return undefined;
    } catch (error) {
      return error as CartiError;
    }
  };

  it('refuses a loopback URL with a message naming the allow-list', async () => {
    const error = await refused('http://127.0.0.1:9/x');
    expect(error?.code).toBe('blocked-address');
    expect(error?.message).toMatch(/loopback.*allow-list/);
  });

  it('refuses a hex IPv4 host (the URL parser normalizes it)', async () => {
    expect((await refused('http://0x7f.1/'))?.code).toBe('blocked-address');
  });

  it('refuses an IPv4-mapped IPv6 host', async () => {
    expect((await refused('http://[::ffff:169.254.169.254]/latest'))?.code).toBe('blocked-address');
  });

  it('allows an origin on the allow-list', async () => {
    expect(await refused('http://127.0.0.1:9/x', { allowList: ['http://127.0.0.1:9'] })).toBeUndefined();
  });

  it('does not extend the allow-list to other ports', async () => {
    expect((await refused('http://127.0.0.1:10/x', { allowList: ['http://127.0.0.1:9'] }))?.code).toBe('blocked-address');
  });

  it('refuses localhost names', async () => {
    expect((await refused('http://localhost:3000/'))?.code).toBe('blocked-address');
  });

  it('checks resolved addresses of host names', async () => {
    const error = await refused('http://internal.example/', { resolveHost: async () => ['93.184.216.34', '10.0.0.5'] });
    expect(error?.message).toMatch(/\(10\.0\.0\.5\) is a private address/);
  });

  it('resolves real names with the Node resolver', async () => {
    expect(await nodeResolveHost('localhost')).toEqual(expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]));
  });

  it('refuses other schemes and credentials', async () => {
    expect((await refused('file:///etc/passwd'))?.code).toBe('bad-url');
    expect((await refused('https://user:pw@example.org/'))?.code).toBe('bad-url');
  });
});

describe('host name normalization', () => {
  it('refuses localhost written with a trailing dot', async () => {
    await expect(checkUrlAllowed(new URL('http://localhost.:3000/'))).rejects.toThrow(/loopback/);
  });
});
