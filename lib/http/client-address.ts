import { isIP } from "node:net";
import { config } from "../config";

/**
 * Who is asking, as an address to count limits against (contract §1 "Limits").
 *
 * The connection's peer address reaches route handlers in the request header `x-loop-peer`,
 * which our own Node server (scripts/start.mjs, the front door) sets on every request from the
 * socket, removing any the client sent. `TRUST_PROXY=N` says N reverse proxies stand in front
 * and append to `X-Forwarded-For`: the client is then the address N hops from the right of
 * `X-Forwarded-For, peer`. With the default 0 a client-sent `X-Forwarded-For` is never read.
 * Without `x-loop-peer` (plain `next start`, which hides the socket) every request counts as
 * one address, "unknown": limits still hold, only shared (see docs/limits.md).
 */
export const PEER_HEADER = "x-loop-peer";
export const UNKNOWN_ADDRESS = "unknown";

type HeaderSource = Request | Headers | Record<string, string | string[] | undefined>;

function header(src: HeaderSource, name: string): string | null {
  if (src instanceof Request) return src.headers.get(name);
  if (src instanceof Headers) return src.get(name);
  const v = src[name] ?? src[name.toLowerCase()];
  return Array.isArray(v) ? v.join(",") : (v ?? null);
}

export function clientAddress(src: HeaderSource, trustProxy = config().trustProxy): string {
  const peer = header(src, PEER_HEADER)?.trim() || UNKNOWN_ADDRESS;
  if (trustProxy <= 0) return normalise(peer);
  const forwarded = (header(src, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = [...forwarded, peer];
  const i = chain.length - 1 - trustProxy;
  return normalise(chain[Math.max(0, i)]);
}

/**
 * The key an address counts under: IPv4-mapped IPv6 as plain IPv4, IPv6 by its /64 (one
 * subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function normalise(address: string): string {
  let a = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) a = mapped[1];
  if (isIP(a) === 6) {
    const [head, tail] = a.toLowerCase().split("::");
    const h = head ? head.split(":") : [];
    const t = tail !== undefined ? (tail ? tail.split(":") : []) : [];
    const full = tail !== undefined ? [...h, ...new Array(8 - h.length - t.length).fill("0"), ...t] : h;
    return `${full.slice(0, 4).map((x) => parseInt(x, 16).toString(16)).join(":")}::/64`;
  }
  return isIP(a) === 4 ? a : a === UNKNOWN_ADDRESS ? a : UNKNOWN_ADDRESS;
}
