import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { config } from "../config";

/**
 * Which push URLs the server will send to (contract §3 Δ): `https:`, or `http:` to a host named
 * in PUSH_ALLOWED_HOSTS; never a private, loopback, link-local or otherwise internal address
 * unless that host is listed. Checked when a URL is registered (so the client hears 400 / 107)
 * and again on every connection (lib/push/notifier.ts pins the checked address), so a name
 * that later resolves inward still gets no traffic.
 */
export const MAX_PUSH_URL_LENGTH = 2048;

const internal = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8], // "this" network
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) internal.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 127], // unspecified and loopback
  ["64:ff9b::", 96], // NAT64 can reach private IPv4
  ["100::", 64],
  ["2001:db8::", 32],
  ["2002::", 16], // 6to4 embeds an IPv4 address
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
] as const) internal.addSubnet(net, bits, "ipv6");

/**
 * True for addresses the server must not be made to reach. IPv4-mapped IPv6 addresses
 * (::ffff:a.b.c.d, also in hex form) are judged by their IPv4 rules: BlockList maps them.
 * (An IPv6 rule for ::ffff:0:0/96 would match every IPv4 address, so there is none.)
 */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return internal.check(mapped[1], "ipv4");
    return internal.check(address, "ipv6");
  }
  return true; // not an address at all: refuse
}

/** The URL's host as PUSH_ALLOWED_HOSTS names it: lowercase, IPv6 without brackets, no final dot. */
export function hostOf(url: URL) {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

/** `allowedHosts`: another allow-list than PUSH_ALLOWED_HOSTS (CardDAV sources use CARDDAV_ALLOWED_HOSTS). */
export function isAllowedHost(host: string, allowedHosts: readonly string[] = config().push.allowedHosts) {
  return allowedHosts.includes(host);
}

export type PushUrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/** The checks that need no DNS: scheme, shape, allow-list, and IP literals. */
export function checkPushUrlShape(raw: string, allowedHosts?: readonly string[]): PushUrlVerdict {
  if (raw.length > MAX_PUSH_URL_LENGTH) return { ok: false, reason: "is too long" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "should be a valid url" };
  }
  if (url.username || url.password) return { ok: false, reason: "should not contain credentials" };
  const host = hostOf(url);
  const allowed = isAllowedHost(host, allowedHosts);
  if (url.protocol === "http:" && !allowed) return { ok: false, reason: "should be an https url" };
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "should be an https url" };
  if (!allowed && isIP(host) && isInternalAddress(host)) return { ok: false, reason: "should not point to a private address" };
  if (!allowed && (host === "localhost" || host.endsWith(".localhost"))) {
    return { ok: false, reason: "should not point to a private address" };
  }
  return { ok: true, url };
}

type Resolver = (host: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (e, a) => (e ? reject(e) : resolve(a))));

/**
 * The full registration-time check. A name that resolves to any internal address is refused;
 * a name that does not resolve right now is accepted (DNS may be briefly down) because every
 * send checks the address it connects to anyway.
 */
export async function checkPushUrl(
  raw: string,
  resolve: Resolver = systemResolver,
  timeoutMs = 2000,
  allowedHosts?: readonly string[],
): Promise<PushUrlVerdict> {
  const shape = checkPushUrlShape(raw, allowedHosts);
  if (!shape.ok) return shape;
  const host = hostOf(shape.url);
  if (isAllowedHost(host, allowedHosts) || isIP(host)) return shape;
  let addresses: LookupAddress[];
  try {
    addresses = await Promise.race([
      resolve(host),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("dns timeout")), timeoutMs).unref()),
    ]);
  } catch {
    return shape;
  }
  if (addresses.some((a) => isInternalAddress(a.address))) return { ok: false, reason: "should not point to a private address" };
  return shape;
}

/**
 * A `lookup` for http(s).request that refuses to connect to an internal address unless the
 * host is allow-listed: the address checked is the address used, so DNS cannot change
 * between the check and the connection.
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) {
  dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const allowed = isAllowedHost(hostname.toLowerCase().replace(/\.$/, ""));
    const usable = allowed ? addresses : addresses.filter((a) => !isInternalAddress(a.address));
    if (!allowed && usable.length !== addresses.length) {
      const e: NodeJS.ErrnoException = new Error(`push host resolves to an internal address`);
      e.code = "EPUSHREFUSED";
      return callback(e, "", 0);
    }
    if (!usable.length) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
    if (options.all) return callback(null, usable);
    const first = usable[0];
    callback(null, first.address, first.family);
  });
}
