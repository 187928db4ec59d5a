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

const internal4 = new BlockList();
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
] as const) internal4.addSubnet(net, bits, "ipv4");

/**
 * IPv6 space refused outright, by prefix of the 8 hextets. Every form that embeds or
 * translates to an IPv4 address is here (whatever IPv4 address it carries: a gateway on the
 * path may turn it into a private one), as are loopback, unique-local, link-local, site-local,
 * multicast, documentation and discard space.
 */
const internal6: { prefix: number[]; bits: number; what: string }[] = [
  { prefix: [0, 0, 0, 0, 0, 0], bits: 96, what: "IPv4-compatible, unspecified and loopback (::/96)" },
  { prefix: [0, 0, 0, 0, 0xffff, 0], bits: 96, what: "SIIT IPv4-translated (::ffff:0:0:0/96)" },
  { prefix: [0x64, 0xff9b, 0, 0, 0, 0], bits: 96, what: "NAT64 well-known prefix" },
  { prefix: [0x64, 0xff9b, 1], bits: 48, what: "NAT64 local-use prefix" },
  { prefix: [0x100, 0, 0, 0], bits: 64, what: "discard-only" },
  { prefix: [0x2001, 0], bits: 32, what: "Teredo (embeds an IPv4 address)" },
  { prefix: [0x2001, 0xdb8], bits: 32, what: "documentation" },
  { prefix: [0x2002], bits: 16, what: "6to4 (embeds an IPv4 address)" },
  { prefix: [0xfc00], bits: 7, what: "unique local" },
  { prefix: [0xfe80], bits: 10, what: "link-local" },
  { prefix: [0xfec0], bits: 10, what: "site-local (deprecated)" },
  { prefix: [0xff00], bits: 8, what: "multicast" },
];

/** The 8 hextets of an IPv6 address (zone id dropped, embedded dotted quad read), or null. */
export function ipv6Hextets(address: string): number[] | null {
  let a = address.replace(/^\[|\]$/g, "");
  const zone = a.indexOf("%");
  if (zone >= 0) a = a.slice(0, zone);
  if (isIP(a) !== 6) return null;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (dotted) {
    const [b0, b1, b2, b3] = dotted.slice(1).map(Number);
    a = a.slice(0, dotted.index) + ((b0 << 8) | b1).toString(16) + ":" + ((b2 << 8) | b3).toString(16);
  }
  const [head, tail] = a.includes("::") ? a.split("::") : [a, undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((h) => parseInt(h, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill(0);
  const all = [...h, ...fill, ...t];
  return all.length === 8 && all.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? all : null;
}

function matches(hextets: number[], prefix: number[], bits: number) {
  for (let i = 0; i < prefix.length && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((hextets[i] & mask) !== (prefix[i] & mask)) return false;
  }
  return true;
}

/**
 * True for addresses the server must not be made to reach. IPv4-mapped IPv6 addresses
 * (::ffff:a.b.c.d, also in hex form) are judged by their IPv4 rules, because the connection
 * goes to that IPv4 address; every other IPv6 form carrying an IPv4 address (IPv4-compatible,
 * SIIT, NAT64, 6to4, Teredo) is refused whatever it carries.
 */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal4.check(address, "ipv4");
  const h = ipv6Hextets(address);
  if (!h) return true; // not an address at all: refuse
  if (h[0] === 0 && h[1] === 0 && h[2] === 0 && h[3] === 0 && h[4] === 0 && h[5] === 0xffff) {
    const v4 = `${h[6] >> 8}.${h[6] & 0xff}.${h[7] >> 8}.${h[7] & 0xff}`;
    return internal4.check(v4, "ipv4");
  }
  return internal6.some((r) => matches(h, r.prefix, r.bits));
}

/** The URL's host as PUSH_ALLOWED_HOSTS names it: lowercase, IPv6 without brackets, no final dot. */
export function hostOf(url: URL) {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
}

/** The hosts PUSH_ALLOWED_HOSTS names (lowercase). */
function pushAllowedHosts(): readonly string[] {
  return config().push.allowedHosts;
}

export function isAllowedHost(host: string, allowedHosts: readonly string[] = pushAllowedHosts()) {
  return allowedHosts.includes(host);
}

export type PushUrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * The checks that need no DNS: scheme, shape, allow-list, and IP literals. `allowedHosts`
 * names hosts that may be reached over `http:` and at internal addresses (PUSH_ALLOWED_HOSTS
 * by default; other outbound features pass their own list, e.g. CardDAV's).
 */
export function checkPushUrlShape(raw: string, allowedHosts: readonly string[] = pushAllowedHosts()): PushUrlVerdict {
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
  if (!allowed && (isIP(host) || host.includes(":")) && isInternalAddress(host)) return { ok: false, reason: "should not point to a private address" };
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
  allowedHosts: readonly string[] = pushAllowedHosts(),
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
 * The check for any outbound URL a user hands us (push URLs, CardDAV servers): the URL, and
 * the hosts allowed to be plain http or internal. Resolves the name and refuses internal
 * addresses; connect with `lookupFor(allowedHosts)` so the checked address is the one used.
 */
export function checkOutboundUrl(
  raw: string,
  allowedHosts: readonly string[],
  opts: { resolve?: Resolver; timeoutMs?: number } = {},
): Promise<PushUrlVerdict> {
  return checkPushUrl(raw, opts.resolve ?? systemResolver, opts.timeoutMs ?? 2000, allowedHosts);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** guardedLookup with another allow-list than PUSH_ALLOWED_HOSTS (e.g. CARDDAV_ALLOWED_HOSTS). */
export function lookupFor(allowedHosts: readonly string[]) {
  return (hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback) =>
    guardedLookup(hostname, options, callback, allowedHosts);
}

/**
 * A `lookup` for http(s).request that refuses to connect to an internal address unless the
 * host is allow-listed: the address checked is the address used, so DNS cannot change
 * between the check and the connection.
 */
export function guardedLookup(
  hostname: string,
  options: { all?: boolean; family?: number | string },
  callback: LookupCallback,
  allowedHosts: readonly string[] = pushAllowedHosts(),
) {
  dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const allowed = isAllowedHost(hostname.toLowerCase().replace(/\.$/, ""), allowedHosts);
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
