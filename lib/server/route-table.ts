import { API_PREFIXES } from "../http/api-paths";

/**
 * Which `app/**\/route.ts` answers a request path, without Next's router: the front door
 * (`lib/server/front-door.ts`) matches API paths here and calls the handler directly.
 * Pure functions, unit-tested in tests/unit/route-table.test.ts.
 */

export type Segment = { kind: "static"; value: string } | { kind: "param"; name: string } | { kind: "catchAll"; name: string };

export type RouteEntry = {
  /** "/rooms/[token]" */
  pattern: string;
  segments: Segment[];
  /** the built module's path, relative to `<distDir>/server/` */
  file: string;
  /** one of the web app's endpoints (`/api/…`): answered at the root only, not under `/v0`, `/v1` */
  webApi?: boolean;
};

/** First path segments served by the API handlers directly (the rest goes to Next). */
export const DIRECT_PREFIXES: ReadonlySet<string> = new Set<string>([...API_PREFIXES, "service"]);

/**
 * The web app's own JSON endpoints (`app/api/…`: sign-up, e-mail verification, language, …) are
 * `route()` handlers like the Loop API's and are answered directly too, so they also get the
 * envelope for a missing method or an unknown path. Not next-auth's (`/api/auth/…`): its
 * handler needs Next's request context. Only at the root: `/v0` and `/v1` are the Loop API's.
 */
function isWebApi(first: string | undefined, second: string | undefined) {
  return first === "api" && second !== "auth";
}

/** Route entries of `app-paths-manifest.json` ("/rooms/[token]/route" → file) for API paths. */
export function routeTable(manifest: Record<string, string>): RouteEntry[] {
  const entries: RouteEntry[] = [];
  for (const [key, file] of Object.entries(manifest)) {
    if (!key.endsWith("/route")) continue;
    const pattern = key.slice(0, -"/route".length);
    const segments = pattern
      .split("/")
      .filter(Boolean)
      .filter((s) => !(s.startsWith("(") && s.endsWith(")")))
      .map(parseSegment);
    const first = segments[0];
    if (!first || first.kind !== "static") continue;
    const second = segments[1];
    const webApi = isWebApi(first.value, second?.kind === "static" ? second.value : undefined);
    if (!DIRECT_PREFIXES.has(first.value) && !webApi) continue;
    entries.push(webApi ? { pattern, segments, file, webApi } : { pattern, segments, file });
  }
  // Static segments win over parameters at the same position (`/calls/id/x` before `/calls/[token]`).
  const rank = (s: Segment) => (s.kind === "static" ? 0 : s.kind === "param" ? 1 : 2);
  entries.sort((a, b) => {
    for (let i = 0; i < Math.max(a.segments.length, b.segments.length); i++) {
      const x = a.segments[i];
      const y = b.segments[i];
      if (!x) return -1;
      if (!y) return 1;
      const d = rank(x) - rank(y);
      if (d) return d;
    }
    return 0;
  });
  return entries;
}

function parseSegment(s: string): Segment {
  const catchAll = /^\[\[?\.\.\.(\w+)\]\]?$/.exec(s);
  if (catchAll) return { kind: "catchAll", name: catchAll[1] };
  const param = /^\[(\w+)\]$/.exec(s);
  if (param) return { kind: "param", name: param[1] };
  return { kind: "static", value: s };
}

export type Match = { entry: RouteEntry; params: Record<string, string | string[]> };

/** The route for already-decoded path segments, or null; `prefixed`: the path came under `/v0` or `/v1`. */
export function matchRoute(table: RouteEntry[], segments: string[], prefixed = false): Match | null {
  outer: for (const entry of table) {
    if (prefixed && entry.webApi) continue;
    const params: Record<string, string | string[]> = {};
    const pat = entry.segments;
    for (let i = 0; i < pat.length; i++) {
      const p = pat[i];
      if (p.kind === "catchAll") {
        if (i >= segments.length) continue outer;
        params[p.name] = segments.slice(i);
        return { entry, params };
      }
      const s = segments[i];
      if (s === undefined) continue outer;
      if (p.kind === "static") {
        if (p.value !== s) continue outer;
      } else {
        params[p.name] = s;
      }
    }
    if (pat.length !== segments.length) continue;
    return { entry, params };
  }
  return null;
}

export type Target =
  /** a path that does not decode (bad escape, invalid UTF-8, NUL) */
  | { kind: "undecodable"; api: boolean }
  /** GET / or /v0/ (JSON server info, or the landing page for browsers) */
  | { kind: "root"; prefixed: boolean }
  /** an API path (known or not) */
  | { kind: "api"; segments: string[]; prefixed: boolean }
  /** everything else: a page, a static file, next-auth */
  | { kind: "page"; prefixed: boolean };

const HEARTBEATS: Record<string, string[]> = {
  __heartbeat__: ["service", "heartbeat"],
  __lbheartbeat__: ["service", "lbheartbeat"],
};

/**
 * Classifies a raw request path (no query): strips `/v0` or `/v1` (contract §1), decodes each
 * segment strictly, and says who answers it.
 */
export function classifyPath(rawPath: string): Target {
  let path = rawPath;
  let prefixed = false;
  const m = /^\/v[01](?=\/|$)/.exec(path);
  if (m) {
    prefixed = true;
    path = path.slice(m[0].length);
  }
  if (path === "" || path === "/") return { kind: "root", prefixed };
  const raw = path.split("/").slice(1);
  // A trailing slash names the same resource ("/rooms/" is "/rooms").
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  const segments: string[] = [];
  for (const r of raw) {
    const d = decodeSegment(r);
    if (d === null) return { kind: "undecodable", api: prefixed || DIRECT_PREFIXES.has(raw[0]) || raw[0] in HEARTBEATS || isWebApi(raw[0], raw[1]) };
    segments.push(d);
  }
  if (segments.length === 1 && HEARTBEATS[segments[0]]) return { kind: "api", segments: HEARTBEATS[segments[0]], prefixed };
  if (DIRECT_PREFIXES.has(segments[0])) return { kind: "api", segments, prefixed };
  if (!prefixed && isWebApi(segments[0], segments[1])) return { kind: "api", segments, prefixed };
  // Under /v0 and /v1 only the API lives: anything else there is an unknown API path.
  if (prefixed) return { kind: "api", segments, prefixed };
  return { kind: "page", prefixed };
}

/** decodeURIComponent that refuses (null) instead of throwing, and refuses NUL. Invalid UTF-8,
 * including encoded surrogates such as %ED%A0%80, already throws in decodeURIComponent. */
export function decodeSegment(s: string): string | null {
  if (!s.includes("%")) return s.includes("\0") ? null : s;
  let d: string;
  try {
    d = decodeURIComponent(s);
  } catch {
    return null;
  }
  if (d.includes("\0")) return null;
  return d;
}
