import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { IpfsSettingsPanel } from './ipfs-settings-panel';

describe('IpfsSettingsPanel', () => {
  it('renders the default node URL and a test-connection button', () => {
    const html = renderToString(createElement(QueryClientProvider, { client: new QueryClient() }, createElement(IpfsSettingsPanel)));
    expect(html).toContain('value="http://127.0.0.1:5001"');
    expect(html).toContain('Test connection');
  });
});
