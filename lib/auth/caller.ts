import { clock } from "../clock";
import { db } from "../db";
import { errors } from "../http/errors";
import { verifyHawk } from "./hawk";
import { verifyGuestToken } from "./guest";
import { webUserFromRequest } from "./web-session";

/**
 * Who is calling, as one value per request (contract §2). Route handlers declare what they
 * need (`auth: "hawk-or-web"`, `"registered"`, …) and receive the resolved caller.
 */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "hawk"; sessionHmac: string; userMac: string; userId: string | null }
  | { kind: "web"; userId: string; userMac: string; email: string }
  | { kind: "guest"; participantId: string; roomToken: string; userMac: string; sessionToken: string };

/** A bearer token (a call side's websocketToken, a p2p sessionToken), not yet checked: what it
 * grants depends on the route; null when none was sent. Not an identity, so not a `Caller`. */
export type BearerCaller = { kind: "bearer"; token: string | null };

export type AuthRequirement =
  /** service routes: credentials are not looked at */
  | "none"
  /** anything valid, or nobody; invalid credentials are still 401 */
  | "optional"
  /** POST /registration (ref §1.4 `authenticate`): a valid Hawk session, or no credentials at
   * all; cookies are not looked at and any other scheme is 401 "Unsupported" */
  | "hawk-or-none"
  | "hawk"
  | "hawk-or-web"
  /** a Hawk session bound to a user, or a web user (anonymous Hawk → 403 / 110) */
  | "registered"
  | "web"
  /** `Authorization: Bearer <token>` or `?token=` (EventSource cannot set headers); the route checks it */
  | "bearer"
  /** a bearer token if one is sent, else as "hawk-or-web" (a call's sides: link callers may have no account) */
  | "bearer-or-hawk-or-web";

type Kind<K extends Caller["kind"] | "bearer"> = Extract<Caller | BearerCaller, { kind: K }>;

/** The caller a route receives for its requirement: the type says what was checked. */
export type CallerFor<A extends AuthRequirement> = A extends "none"
  ? Kind<"anonymous">
  : A extends "hawk"
    ? Kind<"hawk">
    : A extends "web"
      ? Kind<"web">
      : A extends "hawk-or-web" | "registered"
        ? Kind<"hawk" | "web">
        : A extends "hawk-or-none"
          ? Kind<"hawk" | "anonymous">
          : A extends "bearer"
            ? Kind<"bearer">
            : A extends "bearer-or-hawk-or-web"
              ? Kind<"bearer" | "hawk" | "web">
              : Caller;

export type AuthedRequest = {
  method: string;
  url: string;
  host: string;
  headers: Headers;
  rawBody: string;
};

/** The userMac of whoever is calling, or null for anonymous. */
export function callerMac(c: Caller): string | null {
  return c.kind === "anonymous" ? null : c.userMac;
}

export function isRegistered(c: Caller) {
  return c.kind === "web" || (c.kind === "hawk" && c.userId !== null);
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(authorization: string | null): string | null {
  return authorization && /^bearer\s/i.test(authorization) ? authorization.slice(7).trim() || null : null;
}

export async function resolveCaller<A extends AuthRequirement>(req: AuthedRequest, need: A): Promise<CallerFor<A>> {
  return (await resolve(req, need)) as CallerFor<A>;
}

async function resolve(req: AuthedRequest, need: AuthRequirement): Promise<Caller | BearerCaller> {
  if (need === "none") return { kind: "anonymous" };
  const authorization = req.headers.get("authorization");
  if (need === "bearer") {
    const query = req.url.indexOf("?");
    const fromQuery = query === -1 ? null : new URLSearchParams(req.url.slice(query + 1)).get("token");
    return { kind: "bearer", token: bearerToken(authorization) ?? (fromQuery || null) };
  }
  if (need === "bearer-or-hawk-or-web") {
    const token = bearerToken(authorization);
    if (token) return { kind: "bearer", token };
    return resolve(req, "hawk-or-web");
  }
  let caller: Caller = { kind: "anonymous" };

  if (authorization) {
    const scheme = authorization.split(" ", 1)[0].toLowerCase();
    if (scheme === "hawk") {
      const s = await verifyHawk(
        {
          method: req.method,
          url: req.url,
          host: req.host,
          authorization,
          contentType: req.headers.get("content-type") ?? "",
        },
        req.rawBody,
      );
      caller = { kind: "hawk", sessionHmac: s.idHmac, userMac: s.userMac, userId: s.userId };
    } else if (scheme === "basic" && need === "optional") {
      caller = await verifyGuestToken(authorization);
    } else {
      throw errors.unauthorized("Unsupported", need === "optional" ? "Basic,Hawk" : "Hawk");
    }
  } else if (need === "hawk-or-none") {
    return caller;
  } else if (need !== "hawk" && need !== "optional") {
    const web = await webUserFromRequest(req.headers);
    if (web) {
      if (UNSAFE.has(req.method) && !sameOrigin(req.headers)) {
        throw errors.forbidden("Cross-origin request refused.", 110);
      }
      caller = { kind: "web", ...web };
    }
  } else if (need === "optional") {
    const web = await webUserFromRequest(req.headers);
    if (web && (!UNSAFE.has(req.method) || sameOrigin(req.headers))) caller = { kind: "web", ...web };
  }

  switch (need) {
    case "optional":
    case "hawk-or-none":
      return caller;
    case "hawk":
      if (caller.kind !== "hawk") throw errors.unauthorized();
      return caller;
    case "web":
      if (caller.kind !== "web") throw errors.unauthorized("Sign in first.", "Cookie");
      return caller;
    case "hawk-or-web":
      if (caller.kind !== "hawk" && caller.kind !== "web") throw errors.unauthorized();
      return caller;
    case "registered":
      if (caller.kind !== "hawk" && caller.kind !== "web") throw errors.unauthorized();
      if (!isRegistered(caller)) throw errors.registeredOnly();
      return caller;
  }
}

/** A cookie-authenticated state change must come from our own pages (CSRF). */
function sameOrigin(headers: Headers) {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = headers.get("origin");
  if (!origin) return false;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Whether what authorised a long-lived request (an event stream) still holds: the Hawk session
 * still exists and has not expired, the web session has not been signed out and its user
 * still exists, the guest is still a live participant. Streams re-check this (contract §6).
 */
export async function stillAuthorised(caller: Caller, headers: Headers): Promise<boolean> {
  switch (caller.kind) {
    case "anonymous":
      return true;
    case "hawk": {
      const row = await db().hawkSession.findUnique({ where: { idHmac: caller.sessionHmac }, select: { expiresAt: true } });
      return !!row && row.expiresAt > clock.nowSec();
    }
    case "web": {
      const web = await webUserFromRequest(headers);
      return web?.userId === caller.userId;
    }
    case "guest": {
      const row = await db().participant.findUnique({ where: { id: caller.participantId }, select: { expiresAt: true } });
      return !!row && row.expiresAt > clock.nowSec();
    }
  }
}
