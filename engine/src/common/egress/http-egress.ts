import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Addresses no outbound call may reach unless its host is allow-listed (S8). */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True for loopback, private, link-local, metadata and other non-public addresses. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped?.[1]) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export class EgressRefusedError extends Error {
  readonly code = 'egress_refused';
}

export interface EgressResponse {
  status: number;
  body: string;
}

export interface EgressRequest {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
}

/**
 * The one way out of the engine for webhooks. The address is checked at connect time
 * (after DNS, so a rebinding name cannot slip through), redirects are never followed,
 * and hosts an admin allow-listed are the only exception.
 */
export class HttpEgress {
  private readonly allowHosts: Set<string>;

  constructor(allowHosts: string[]) {
    this.allowHosts = new Set(allowHosts.map((h) => h.toLowerCase()));
  }

  private guardedLookup(hostname: string): LookupFunction {
    const allowed = this.allowHosts.has(hostname.toLowerCase());
    return (host, options, callback) => {
      dnsLookup(host, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
        if (err) return callback(err, '', 0);
        const list = Array.isArray(addresses) ? addresses : [];
        const bad = list.find((a) => isNonPublicAddress(a.address));
        if (!allowed && (list.length === 0 || bad)) {
          return callback(
            new EgressRefusedError(`${host} resolves to a non-public address`),
            '',
            0,
          );
        }
        const first = list[0]!;
        if (options.all)
          return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
        return callback(null, first.address, first.family);
      });
    };
  }

  async send(req: EgressRequest): Promise<EgressResponse> {
    let url: URL;
    try {
      url = new URL(req.url);
    } catch {
      throw new EgressRefusedError('not a valid URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new EgressRefusedError('only http and https');
    if (url.username || url.password)
      throw new EgressRefusedError('credentials in URLs are not allowed');
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    if (
      isIP(hostname) &&
      isNonPublicAddress(hostname) &&
      !this.allowHosts.has(hostname.toLowerCase())
    ) {
      throw new EgressRefusedError(`${hostname} is not a public address`);
    }
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<EgressResponse>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: req.method,
          headers: { ...req.headers, 'content-length': Buffer.byteLength(req.body).toString() },
          lookup: this.guardedLookup(hostname),
          timeout: req.timeoutMs ?? 10_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= 64 * 1024) chunks.push(c);
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timed out')));
      request.on('error', reject);
      request.end(req.body);
    });
  }
}
