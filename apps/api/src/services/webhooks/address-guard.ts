import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Addresses a webhook must not reach when private targets are refused: this host, the private
 * networks, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and the
 * reserved ranges, in IPv4 and IPv6. BlockList matches IPv4-mapped IPv6 (`::ffff:127.0.0.1`)
 * against the IPv4 rules; NAT64 (`64:ff9b::/96`) is refused whole.
 */
const refused = new BlockList();
for (const [network, prefix] of [
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
] as const)
  refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  refused.addSubnet(network, prefix, 'ipv6');

/** True for an IP address a webhook must not reach when private targets are refused. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: nothing to allow
  return refused.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as an IP address, when it is written as one (`[::1]` → `::1`), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? null : host;
}

export class RefusedAddressError extends Error {
  constructor(address: string) {
    super(`refused: ${address} is a private, loopback or link-local address`);
    this.name = 'RefusedAddressError';
  }
}

/**
 * A DNS lookup for `http.request` that fails when any address the name resolves to is refused.
 * The connection is made to the address checked here, so a name that resolves differently the
 * next time (DNS rebinding) cannot slip past the check.
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new RefusedAddressError(bad.address), '', 0);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
    callback(null, first.address, first.family);
  });
};
