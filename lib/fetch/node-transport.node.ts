/**
 * Node transport for `fetchLimited` that closes the DNS-rebinding gap of a check-then-fetch SSRF guard: the
 * address is checked inside the socket's own DNS lookup, so the address that is checked is the address that
 * is connected to. Built on node:http/https; the response is adapted to a web `Response`.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import { CartiError } from '../carti/errors';
import { isBlockedAddress } from './ssrf';
import type { Transport } from './fetch-limited';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for sockets that refuses blocked addresses (all of them when several are returned). */
function guardedLookup(url: URL) {
  return (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      for (const { address } of addresses) {
        const reason = isBlockedAddress(address);
        if (reason) {
          const refused = new CartiError('blocked-address', url.toString(), url.toString(), `${hostname} resolved to ${address}, a ${reason} address; refused at connect time (add the origin ${url.origin} to the allow-list to permit it)`);
          return callback(refused as unknown as NodeJS.ErrnoException, '');
        }
      }
      if ((options as LookupAllOptions).all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}

export const nodeTransport: Transport = (url, init) => new Promise<Response>((resolve, reject) => {
  const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
    method: 'GET',
    headers: init.headers,
    signal: init.signal,
    ...(init.allowPrivate ? {} : { lookup: guardedLookup(url) as never }),
  }, (response: IncomingMessage) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (Array.isArray(value)) for (const item of value) headers.append(name, item);
      else if (value !== undefined) headers.set(name, value);
    }
    const status = response.statusCode ?? 0;
    const bodyless = status === 204 || status === 304 || (status >= 300 && status < 400);
    if (bodyless) response.resume();
    resolve(new Response(bodyless ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>), { status, statusText: response.statusMessage ?? '', headers }));
  });
  request.on('error', (error) => reject(error instanceof CartiError ? error : (error as Error & { cause?: unknown }).cause instanceof CartiError ? (error as Error & { cause: CartiError }).cause : error));
  request.end();
});
