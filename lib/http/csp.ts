import { API_PREFIXES } from "./api-paths";

/**
 * The Content-Security-Policy of every page (issue 11): scripts only with this response's
 * nonce (and what they load, 'strict-dynamic'), no plugins, no framing, connections only to
 * our origin and, when OpenTok is configured, to its service. WebRTC media and ICE (STUN/TURN)
 * are not governed by connect-src. Styles allow inline because React style attributes and
 * next/font need it; scripts never do.
 *
 * Kept free of server-only imports: proxy.ts builds it on every page request.
 */
export type CspOptions = {
  nonce: string;
  dev: boolean;
  https: boolean;
  /** origins the browser must reach besides ours (OpenTok) */
  connect: string[];
  /** origins sign-in forms may post to and be redirected through (OAuth providers) */
  formAction: string[];
};

export const OPENTOK_BROWSER_ORIGINS = [
  "https://*.opentok.com",
  "wss://*.opentok.com",
  "https://*.tokbox.com",
  "wss://*.tokbox.com",
  "https://*.vonage.com",
  "wss://*.vonage.com",
];

export function contentSecurityPolicy(o: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", `'nonce-${o.nonce}'`, "'strict-dynamic'", ...(o.dev ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["media-src", "'self'", "data:", "blob:"],
    ["connect-src", "'self'", ...o.connect, ...(o.dev ? ["ws:"] : [])],
    ["worker-src", "'self'", "blob:"],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'self'", ...o.formAction],
    ["frame-ancestors", "'none'"],
    ["frame-src", "'none'"],
  ];
  if (o.https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Whether a path is an API path (JSON, no page, no CSP needed). */
export function isApiPath(pathname: string): boolean {
  const first = pathname.split("/")[1] ?? "";
  if (first === "v1" || first === "v0" || first === "api" || first === "service" || first.startsWith("__")) return true;
  return (API_PREFIXES as readonly string[]).includes(first);
}
