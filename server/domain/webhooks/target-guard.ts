// SSRF guard: a webhook may only reach the public internet. Checked when an endpoint is saved (422,
// so the organiser learns at once) and again on every attempt, on the very address the connection
// uses (http-post.ts hands `guardedLookup` to the socket), so a name that later resolves to a private
// address (DNS rebinding) is refused too. WEBHOOKS_ALLOW_PRIVATE=true lifts it for local testing.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP } from 'node:net'
import { DomainError } from '../errors.ts'

const blocked = new BlockList()
// IPv4: "this network", private, carrier-grade NAT, loopback, link-local, IETF, TEST-NETs, benchmarking, multicast, reserved, broadcast.
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4')
// IPv6: unspecified, loopback, IPv4-mapped (checked again as v4 below), NAT64, discard, documentation, unique-local, link-local, multicast.
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6')

/** True for an address a webhook must not reach (loopback, private, link-local, unique-local, …). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) return blocked.check(address, 'ipv4')
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    if (mapped) return blocked.check(mapped[1]!, 'ipv4')
    return blocked.check(address, 'ipv6')
  }
  return true // not an address at all: refuse rather than guess
}

export type Resolver = (host: string) => Promise<string[]>

export const resolveAll: Resolver = host => new Promise((resolve, reject) => {
  dnsLookup(host, { all: true, verbatim: true }, (err, addresses: LookupAddress[]) => (err ? reject(err) : resolve(addresses.map(a => a.address))))
})

function refused(reason: string, message: string): DomainError {
  return new DomainError('WEBHOOK_TARGET_REFUSED', message, { reason })
}

/** The URL's host as an address or a name (IPv6 literals lose their brackets). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1')
}

/**
 * Refuses (422 WEBHOOK_TARGET_REFUSED) a URL whose host is, or resolves to, any address a webhook
 * must not reach; every resolved address must be public, since the connection may use any of them.
 */
export async function checkWebhookTarget(rawUrl: string, options: { allowPrivate: boolean, resolve?: Resolver }): Promise<void> {
  const url = new URL(rawUrl)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refused('protocol', 'Use an http:// or https:// URL.')
  if (options.allowPrivate) return
  const host = hostOf(url)
  let addresses: string[]
  if (isIP(host)) {
    addresses = [host]
  } else {
    try {
      addresses = await (options.resolve ?? resolveAll)(host)
    } catch {
      throw refused('unresolvable', `The host ${host} does not resolve.`)
    }
  }
  if (addresses.length === 0) throw refused('unresolvable', `The host ${host} does not resolve.`)
  const inside = addresses.find(isPrivateAddress)
  if (inside) throw refused('private_address', `${host} is a loopback or private address (${inside}); webhooks go to public addresses only.`)
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void

/**
 * A `lookup` for http.request that resolves as usual but fails for a private address, so the check
 * holds for the address actually connected to (no window between check and connect).
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '')
      const bad = allowPrivate ? undefined : addresses.find(a => isPrivateAddress(a.address))
      if (bad) {
        const refusal = Object.assign(new Error(`refused: ${hostname} resolves to the private address ${bad.address}`), { code: 'EPRIVATE' })
        return callback(refusal, '')
      }
      if (options.all) return callback(null, addresses)
      callback(null, addresses[0]!.address, addresses[0]!.family)
    })
  }
}
