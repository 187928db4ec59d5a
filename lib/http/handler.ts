import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type AuthRequirement, type CallerFor, resolveCaller } from "../auth/caller";
import { clock } from "../clock";
import { config, type LimitName } from "../config";
import { consumeAll, limit } from "../limits";
import { clientAddress } from "./client-address";
import { log } from "../log";
import { errors, LoopError } from "./errors";
import { isStorageOutage } from "./outage";

/**
 * The one wrapper every Loop API route uses. It declares what a handler needs (auth, params,
 * query, body) so the handler body is only the business step; it reads the body under the size
 * limit, resolves the caller, validates input with zod, and turns every failure into Loop's
 * `{code, errno, error}` envelope with the contract's headers (Timestamp, CORS, no detail
 * leaking from unexpected errors).
 */

type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export type HandlerContext<P, Q, B, A extends AuthRequirement = AuthRequirement> = {
  req: Request;
  params: P;
  query: Q;
  body: B;
  /** who is calling, typed by the route's `auth` (lib/auth/caller.ts `CallerFor`) */
  caller: CallerFor<A>;
  requestId: string;
  /** the client's address as limits count it (lib/http/client-address.ts) */
  address: string;
};

type Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends AuthRequirement> = {
  auth?: A;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * Rate limits to count before the handler runs (after auth and validation): pairs of a
   * limit's name and the key it counts (lib/limits). Over a limit → 429 / 116 + Retry-After.
   */
  limits?: (ctx: { caller: CallerFor<A>; address: string; params: z.output<P> }) => [LimitName, string | null | undefined][];
  /**
   * The route looks a secret token up: every 404 it answers counts against the client's
   * address (TOKEN_MISS_PER_ADDRESS), and past that limit it answers 429 before looking.
   */
  tokenLookup?: boolean;
  handler: (ctx: HandlerContext<z.output<P>, z.output<Q>, z.output<B>, A>) => Promise<Response> | Response;
};

type RouteCtx = { params: Promise<Record<string, string | string[]>> };

/**
 * The text of a JSON response, kept beside it so the front door (lib/server/front-door.ts)
 * writes it to the socket without reading the Response's stream back. A global symbol: the
 * route bundles and the front door may hold different copies of this module.
 */
export const BODY_TEXT = Symbol.for("loop.response.text");

/** A JSON response; the wrapper adds the common headers. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  const res = new Response(text, {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", ...headers },
  });
  (res as Response & { [BODY_TEXT]?: string })[BODY_TEXT] = text;
  return res;
}

export function noContent(headers: Record<string, string> = {}) {
  return new Response(null, { status: 204, headers });
}

export function route<
  P extends z.ZodType = z.ZodAny,
  Q extends z.ZodType = z.ZodAny,
  B extends z.ZodType = z.ZodAny,
  A extends AuthRequirement = "none",
>(spec: Spec<P, Q, B, A>) {
  return async (req: Request, ctx?: RouteCtx): Promise<Response> => {
    const requestId = randomUUID();
    let res: Response;
    try {
      res = await run(spec, req, ctx, requestId);
    } catch (err) {
      res = errorResponse(err, requestId, req);
    }
    return finish(req, res);
  };
}

/** Builds `{ GET, POST, …, OPTIONS }` for a route file; OPTIONS answers CORS preflights. */
export function api(handlers: Partial<Record<Method, (req: Request, ctx?: RouteCtx) => Promise<Response>>>) {
  return { ...handlers, OPTIONS: async (req: Request) => finish(req, new Response(null, { status: 204 })) };
}

async function run<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends AuthRequirement>(
  spec: Spec<P, Q, B, A>,
  req: Request,
  ctx: RouteCtx | undefined,
  requestId: string,
) {
  const url = new URL(req.url);
  const rawBody = await readBody(req);
  const parsedBody = spec.body ? parseBody(rawBody, req.headers.get("content-type")) : undefined;

  const caller = await resolveCaller(
    {
      method: req.method,
      url: originalPath(req, url),
      host: req.headers.get("host") ?? url.host,
      headers: req.headers,
      rawBody,
    },
    (spec.auth ?? "none") as A,
  );

  const params = spec.params ? validate(spec.params, ctx ? await ctx.params : {}, "path") : undefined;
  const query = spec.query ? validate(spec.query, Object.fromEntries(url.searchParams), "query") : undefined;
  const body = spec.body ? validate(spec.body, parsedBody, "body") : undefined;
  const address = clientAddress(req);
  if (spec.limits) {
    const pairs = spec.limits({ caller, address, params: params as z.output<P> }).filter(
      (p): p is [LimitName, string] => typeof p[1] === "string" && p[1].length > 0,
    );
    if (pairs.length) await consumeAll(pairs);
  }
  if (spec.tokenLookup) {
    const wait = await limit("TOKEN_MISS_PER_ADDRESS").peek(address);
    if (wait) throw errors.tooManyRequests(wait);
  }
  try {
    return await spec.handler({
      req,
      params: params as z.output<P>,
      query: query as z.output<Q>,
      body: body as z.output<B>,
      caller,
      requestId,
      address,
    });
  } catch (err) {
    if (spec.tokenLookup && err instanceof LoopError && err.code === 404) {
      await limit("TOKEN_MISS_PER_ADDRESS").tryConsume(address);
    }
    throw err;
  }
}

/** The path and query the client signed (Hawk); request.url keeps it across the /v1 rewrite. */
function originalPath(_req: Request, url: URL) {
  return url.pathname + url.search;
}

async function readBody(req: Request): Promise<string> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return "";
  const limit = config().bodyLimitBytes;
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > limit) throw errors.tooLarge(limit);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let step: ReadableStreamReadResult<Uint8Array>;
    try {
      step = await reader.read();
    } catch (err) {
      // A malformed chunked encoding or a client that hung up mid-body: the client's fault,
      // not the storage's; the log names the real cause.
      log.info("http.body_unreadable", { error: err instanceof Error ? err.message.slice(0, 200) : String(err) });
      throw errors.invalid("Request body could not be read.");
    }
    const { done, value } = step;
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw errors.tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Deeper JSON than this is refused before parsing (400 / 107): no route needs more. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deeply the JSON text nests, counted in one linear pass without recursion (strings are
 * skipped, escapes honoured); stops counting as soon as `limit` is passed.
 */
export function jsonDepthExceeds(raw: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93 /* } ] */) depth--;
  }
  return false;
}

function parseBody(raw: string, contentType: string | null): unknown {
  if (!raw.trim()) return {};
  if (contentType?.includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  if (jsonDepthExceeds(raw)) throw errors.invalid(`JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw errors.badJson();
  }
}

/**
 * zod issues → Loop errors: absent required fields are 108 "Missing: a, b" (all of them at
 * once, as the original), anything else is 107 with the first issue's message.
 */
export function validate<T extends z.ZodType>(schema: T, input: unknown, where: string): z.output<T> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const missing = r.error.issues
    .filter((i) => i.code === "invalid_type" && isAbsent(input, i.path))
    .map((i) => i.path.join("."));
  if (missing.length) throw errors.missing(missing);
  const first = r.error.issues[0];
  const field = first.path.join(".");
  const message = first.message.startsWith(field) || !field ? first.message : `${field} ${first.message}`;
  throw errors.invalid(where === "body" || !field ? message : `${where} ${message}`);
}

function isAbsent(input: unknown, path: PropertyKey[]) {
  let cur: unknown = input;
  for (const k of path) {
    if (cur === null || typeof cur !== "object") return true;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur === undefined;
}

function errorResponse(err: unknown, requestId: string, req: Request): Response {
  if (err instanceof LoopError) {
    return json(err.body(), err.code, err.detail?.headers ?? {});
  }
  if (isStorageOutage(err)) {
    log.warn("http.storage_unavailable", { requestId, error: err instanceof Error ? err.message.slice(-300) : String(err) });
    const e = errors.backend(undefined, config().retryAfterSec);
    return json(e.body(), 503, { ...e.detail?.headers, "X-Request-Id": requestId });
  }
  log.error("http.unexpected", {
    requestId,
    method: req.method,
    path: new URL(req.url).pathname,
    error: err instanceof Error ? err.stack ?? err.message : String(err),
  });
  const e = errors.internal();
  return json(e.body(), 500, { "X-Request-Id": requestId });
}

/** Headers every API answer carries: Timestamp on 200/401 (ref §1.2), CORS, no caching. */
export function finish(req: Request, res: Response): Response {
  const h = res.headers;
  if (res.status === 200 || res.status === 401) h.set("Timestamp", String(clock.nowSec()));
  if (!h.has("Cache-Control")) h.set("Cache-Control", "no-store");
  // Which of several instances answered (LOOP_INSTANCE): for operators and the two-instance test.
  const instance = config().instance;
  if (instance) h.set("X-Loop-Instance", instance);
  if (config().publicUrl.startsWith("https:")) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  applyCors(req, h);
  return res;
}

export function applyCors(req: Request, h: Headers) {
  const cors = corsHeaders(req.headers.get("origin"), req.headers.get("access-control-request-headers"));
  if (!cors) return;
  for (const [k, v] of Object.entries(cors)) {
    if (k === "Vary") h.append(k, v);
    else h.set(k, v);
  }
}

/** CORS answer headers for an allowed origin (ref §1.2), or null. */
export function corsHeaders(origin: string | null | undefined, requestHeaders: string | null | undefined): Record<string, string> | null {
  if (!origin) return null;
  const allowed = config().allowedOrigins;
  if (!allowed.includes("*") && !allowed.includes(origin)) return null;
  return {
    "Access-Control-Allow-Origin": origin,
    Vary: "Origin",
    "Access-Control-Allow-Methods": "GET,HEAD,PUT,PATCH,POST,DELETE",
    "Access-Control-Allow-Headers": requestHeaders ?? "Authorization,Content-Type,Last-Event-ID",
    "Access-Control-Expose-Headers": "Hawk-Session-Token,Timestamp,Retry-After,WWW-Authenticate",
    "Access-Control-Max-Age": "600",
  };
}
