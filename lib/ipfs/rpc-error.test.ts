import { describe, expect, it } from 'vitest';
import { rpcError } from './rpc-client';

// The real node's answers are covered in ipfs-node.test.ts. These shapes come from the browser's upload path
// (kubo-rpc-client's XMLHttpRequest for add progress), which Node cannot produce: a refused connection there is an
// HTTPError whose response has status 0. So this one test builds the error object by hand.
describe('rpcError', () => {
  const url = 'http://127.0.0.1:5001';
  it('reads status 0 (no HTTP answer) as an unreachable node, not as the node answering', () => {
    const error = rpcError(Object.assign(new Error(''), { name: 'HTTPError', response: { status: 0 } }), url, 'add');
    expect(error).toMatchObject({ code: 'node-unreachable', message: expect.stringContaining('no HTTP answer') });
  });
  it('keeps a real error status as the node answering with its message', () => {
    const error = rpcError(Object.assign(new Error('file does not exist'), { name: 'HTTPError', response: { status: 500 } }), url, 'cat');
    expect(error).toMatchObject({ code: 'rpc-error', message: expect.stringContaining('HTTP 500: file does not exist') });
  });
});
