import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAYS, DEFAULT_RPC_URL, ipfsAllowList, ipfsSettingsFrom } from './settings';

describe('ipfsSettingsFrom', () => {
  it('defaults to a local node and gateway', () => {
    expect(ipfsSettingsFrom({}, {})).toEqual({ rpcUrl: DEFAULT_RPC_URL, gateways: DEFAULT_GATEWAYS });
  });

  it('prefers explicit values over the environment', () => {
    const settings = ipfsSettingsFrom({ rpcUrl: 'http://127.0.0.1:9/' }, { CARTI_STUDIO_IPFS_API: 'http://127.0.0.1:7' });
    expect(settings.rpcUrl).toBe('http://127.0.0.1:9');
  });

  it('reads a comma-separated gateway list from the environment, in order', () => {
    const settings = ipfsSettingsFrom({}, { CARTI_STUDIO_IPFS_GATEWAYS: 'https://a.example, https://b.example/' });
    expect(settings.gateways).toEqual(['https://a.example', 'https://b.example']);
  });

  it('treats an empty RPC URL as no node', () => {
    expect(ipfsSettingsFrom({ rpcUrl: '' }, {}).rpcUrl).toBeUndefined();
  });

  it('reads trustlessOnly from the flag, else the environment, and leaves it out when off', () => {
    expect(ipfsSettingsFrom({}, { CARTI_STUDIO_IPFS_TRUSTLESS_ONLY: '1' }).trustlessOnly).toBe(true);
    expect(ipfsSettingsFrom({ trustlessOnly: false }, { CARTI_STUDIO_IPFS_TRUSTLESS_ONLY: 'true' })).not.toHaveProperty('trustlessOnly');
    expect(ipfsSettingsFrom({}, {})).not.toHaveProperty('trustlessOnly');
  });

  it('refuses a gateway that is not http(s)', () => {
    expect(() => ipfsSettingsFrom({ gateways: ['ftp://x'] }, {})).toThrow(/gateway 1.*unsupported scheme/);
  });
});

describe('ipfsAllowList', () => {
  it('lists the node and gateway origins once each', () => {
    expect(ipfsAllowList({ rpcUrl: 'http://127.0.0.1:5001', gateways: ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080'] }))
      .toEqual(['http://127.0.0.1:5001', 'http://127.0.0.1:8080']);
  });
});
