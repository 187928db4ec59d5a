import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isApiPath, OPENTOK_BROWSER_ORIGINS } from "./lib/http/csp";

/**
 * Runs before every request (Next 16 `proxy.ts`): pages get a fresh nonce and the
 * Content-Security-Policy naming it (Next reads the policy from the request headers and puts
 * the nonce on its own scripts); every answer gets HSTS when PUBLIC_URL is https.
 * Read from the environment directly: this runs before anything else on each request.
 */
const https = (process.env.PUBLIC_URL ?? "").startsWith("https:");
const dev = process.env.NODE_ENV === "development";

function originOf(url: string | undefined) {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

const opentok = !!process.env.OPENTOK_API_KEY;
const connect = opentok
  ? [...OPENTOK_BROWSER_ORIGINS, ...[originOf(process.env.OPENTOK_API_URL)].filter((o): o is string => !!o)]
  : [];
const formAction = [
  process.env.GITHUB_ID ? "https://github.com" : null,
  process.env.GOOGLE_ID ? "https://accounts.google.com" : null,
  originOf(process.env.OIDC_ISSUER),
].filter((o): o is string => !!o);

export function proxy(request: NextRequest) {
  const hsts = https ? "max-age=31536000; includeSubDomains" : null;
  // The matcher keeps API paths out; this guards against a prefix added to one list only.
  if (isApiPath(request.nextUrl.pathname)) {
    const res = NextResponse.next();
    if (hsts) res.headers.set("Strict-Transport-Security", hsts);
    return res;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy({ nonce, dev, https, connect, formAction });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  if (hsts) res.headers.set("Strict-Transport-Security", hsts);
  return res;
}

// Pages only: not static files, not the API (its paths are lib/http/api-paths.ts; a unit
// test checks this list against it), so API bodies and streams never pass through here.
export const config = {
  matcher: [
    {
      source:
        "/((?!_next/static|_next/image|favicon\\.ico|__|(?:api|v0|v1|service|registration|session|account|rooms|call-url|calls|events|feedback|push-server-config|video|contacts|msisdn|websocket)(?:/|$)|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|mp3|ogg|wav|woff2?)$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
