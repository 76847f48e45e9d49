import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { IpfsSettingsPanel } from './ipfs-settings-panel';
import { PublishIpfsPanel } from './publish-ipfs-panel';

describe('IpfsSettingsPanel', () => {
  it('renders the default node URL and a test-connection button', () => {
    const html = renderToString(createElement(IpfsSettingsPanel));
    expect(html).toContain('value="http://127.0.0.1:5001"');
    expect(html).toContain('Test connection');
  });
});

describe('PublishIpfsPanel', () => {
  it('keeps Publish disabled until a file is chosen', () => {
    const html = renderToString(createElement(PublishIpfsPanel));
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Publish<\/button>/);
  });
});
