import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { join } from "node:path";
import { config } from "../config";
import { log } from "../log";
import { errno } from "../http/errors";
import { BODY_TEXT, corsHeaders } from "../http/handler";
import { SECURITY_HEADERS } from "../http/security-headers";
import { classifyPath, matchRoute, routeTable, type RouteEntry } from "./route-table";

/**
 * The one Node HTTP server (contract §1; docs/architecture.md "Front door"). API paths, under
 * `/`, `/v0` and `/v1`, are answered by calling the built `app/**\/route.ts` handlers directly;
 * everything else (pages, assets, next-auth) goes to Next's request handler. It also answers
 * whatever arrives in the Loop envelope (bad escapes, odd methods, parser errors), sets
 * `x-loop-peer`, accepts WebSocket upgrades and stops cleanly.
 */

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;
type RouteModule = Partial<Record<string, Handler>>;
type Loaded = { methods: RouteModule; allow: string };

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;

export type FrontDoorOptions = {
  /** absolute path of Next's build folder (`.next`) */
  distDir: string;
  /** Next's request handler (pages, assets, next-auth) */
  next: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  /** Next's not-found page */
  render404: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  /** Node's require, for the built route modules (kept out of the bundler's sight) */
  requireModule: (path: string) => unknown;
  /** WebSocket upgrades; returns false when the path is not one it serves */
  upgrade?: UpgradeHandler;
};

export type FrontDoor = {
  server: Server;
  /** Stop accepting, let short requests finish, end streams, close what is left (≤ graceMs). */
  shutdown: (graceMs?: number) => Promise<void>;
  /** Called on shutdown, e.g. to close WebSockets. */
  onShutdown: (fn: () => void | Promise<void>) => void;
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const PEER = "x-loop-peer";
const BASE_HEADERS: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key, h.value]));

export async function createFrontDoor(opts: FrontDoorOptions): Promise<FrontDoor> {
  const manifest = JSON.parse(readFileSync(join(opts.distDir, "server", "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const table = routeTable(manifest);
  // Each API route module loads at its first request (then stays): an idle server holds only
  // the routes it has served (about 17 MB less resident at start; docs/performance.md). The
  // files are checked here, so a build without them still fails at start.
  for (const entry of table) {
    if (!existsSync(join(opts.distDir, "server", entry.file))) throw new Error(`route module missing from the build: ${entry.file}`);
  }
  const modules = new Map<RouteEntry, Loaded>();
  const loading = new Map<RouteEntry, Promise<Loaded>>();
  const load = (entry: RouteEntry): Loaded | Promise<Loaded> => {
    const ready = modules.get(entry);
    if (ready) return ready;
    let pending = loading.get(entry);
    if (!pending) {
      pending = loadRoute(opts, entry).then(
        (l) => (modules.set(entry, l), loading.delete(entry), l),
        (e: unknown) => {
          loading.delete(entry);
          throw e;
        },
      );
      loading.set(entry, pending);
    }
    return pending;
  };

  const bodyLimit = config().bodyLimitBytes;
  let stopping = false;
  let active = 0;
  const streams = new Set<() => void>();
  const shutdownHooks: Array<() => void | Promise<void>> = [];

  const server = createServer({ keepAliveTimeout: 5000, requestTimeout: 0 }, (req, res) => {
    active++;
    res.once("close", () => active--);
    if (stopping) res.setHeader("Connection", "close");
    handle(req, res).catch((err) => {
      log.error("http.front_door_failed", { error: err instanceof Error ? err.stack ?? err.message : String(err) });
      if (!res.headersSent) sendError(req, res, 500, errno.UNDEFINED, "Internal Server Error");
      else res.destroy();
    });
  });

  // Requests Node's parser refuses (a raw non-ASCII byte in the path, an unknown method, broken
  // headers) still get the envelope, not an empty 400.
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    // A request whose body breaks the parser (a malformed chunk) has a response attached that
    // has sent nothing yet: it still gets its 400 in the envelope. One that has started
    // answering can only be cut.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    if (tooLarge) rawAnswer(socket, 431, "Request Header Fields Too Large", errno.UNDEFINED, "Request Header Fields Too Large");
    else rawAnswer(socket, 400, "Bad Request", errno.INVALID_PARAMETERS, "Bad Request");
  });

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    setPeer(req);
    if (stopping || !opts.upgrade?.(req, socket, head)) rawAnswer(socket, 404, "Not Found", errno.UNDEFINED, "Resource not found.");
  });

  // CONNECT arrives here, not as a request: Node hands the socket over (and closed it unanswered
  // while nobody listened). Nothing is tunnelled; it gets the envelope like any other oddity.
  server.on("connect", (req: IncomingMessage, socket: Duplex) => {
    answerConnect(req, socket).catch(() => socket.destroy());
  });

  async function answerConnect(req: IncomingMessage, socket: Duplex) {
    const target = req.url ?? "";
    // The usual CONNECT target is host:port, meant for a proxy.
    if (!target.startsWith("/")) return rawAnswer(socket, 400, "Bad Request", errno.INVALID_PARAMETERS, "Invalid request target.");
    const q = target.indexOf("?");
    const where = classifyPath(q === -1 ? target : target.slice(0, q));
    let allow = "GET, HEAD";
    if (where.kind === "undecodable") {
      if (where.api) return rawAnswer(socket, 400, "Bad Request", errno.INVALID_PARAMETERS, "Invalid path: it does not decode.");
      return rawAnswer(socket, 404, "Not Found", errno.UNDEFINED, "Resource not found.");
    }
    if (where.kind === "api" || (where.kind === "root" && !wantsHtml(req))) {
      const m = where.kind === "api" ? matchRoute(table, where.segments, where.prefixed) : matchRoute(table, ["service", "info"]);
      if (!m) return rawAnswer(socket, 404, "Not Found", errno.UNDEFINED, "Resource not found.");
      allow = (await load(m.entry)).allow;
    }
    rawAnswer(socket, 405, "Method Not Allowed", errno.UNDEFINED, "Method Not Allowed", { Allow: allow });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    setPeer(req);
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    if (!target.startsWith("/")) {
      // `OPTIONS *`, or an absolute-form target meant for a proxy.
      return sendError(req, res, 400, errno.INVALID_PARAMETERS, "Invalid request target.");
    }
    const q = target.indexOf("?");
    const rawPath = q === -1 ? target : target.slice(0, q);
    const where = classifyPath(rawPath);

    switch (where.kind) {
      case "undecodable":
        if (where.api) return sendError(req, res, 400, errno.INVALID_PARAMETERS, "Invalid path: it does not decode.");
        if (method === "GET" || method === "HEAD") return opts.render404(req, res);
        return sendError(req, res, 404, errno.UNDEFINED, "Resource not found.");
      case "root": {
        if (wantsHtml(req)) {
          if (method === "TRACE" || method === "CONNECT") return methodNotAllowed(req, res, "GET, HEAD");
          if (where.prefixed) req.url = "/" + (q === -1 ? "" : target.slice(q));
          return opts.next(req, res);
        }
        return dispatch(req, res, ["service", "info"]);
      }
      case "api":
        return dispatch(req, res, where.segments, where.prefixed);
      case "page":
        if (method === "TRACE" || method === "CONNECT") return methodNotAllowed(req, res, "GET, HEAD");
        return opts.next(req, res);
    }
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, segments: string[], prefixed = false) {
    const m = matchRoute(table, segments, prefixed);
    if (!m) return sendError(req, res, 404, errno.UNDEFINED, "Resource not found.");
    const ready = load(m.entry);
    const loaded = ready instanceof Promise ? await ready : ready;
    const method = req.method ?? "GET";
    let handler = loaded.methods[method];
    const head = method === "HEAD";
    if (!handler && head) handler = loaded.methods.GET;
    if (!handler) return methodNotAllowed(req, res, loaded.allow);

    const ac = new AbortController();
    let body: Buffer | undefined;
    if (method !== "GET" && method !== "HEAD") {
      body = await readBody(req, bodyLimit);
      if (res.destroyed) return;
    }
    const request = toRequest(req, body, ac.signal);
    if (!request) return sendError(req, res, 400, errno.INVALID_PARAMETERS, "Invalid request headers.");
    // Only a client that goes away early aborts (SSE cleanup); an abort builds a DOMException.
    res.once("close", () => {
      if (!res.writableFinished) ac.abort();
    });
    let response: Response;
    try {
      response = await handler(request, { params: Promise.resolve(m.params) });
    } catch (err) {
      const requestId = randomUUID();
      log.error("http.unexpected", { requestId, method, path: req.url, error: err instanceof Error ? err.stack ?? err.message : String(err) });
      return sendError(req, res, 500, errno.UNDEFINED, "Internal Server Error", { "X-Request-Id": requestId });
    }
    await writeResponse(res, response, head);
  }

  async function writeResponse(res: ServerResponse, response: Response, head: boolean) {
    if (res.destroyed) {
      response.body?.cancel().catch(() => {});
      return;
    }
    const headers: Record<string, string | string[]> = { ...BASE_HEADERS };
    response.headers.forEach((v, k) => {
      if (k !== "set-cookie") headers[k] = v;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length) headers["set-cookie"] = cookies;
    if (stopping) headers.connection = "close";
    const text = (response as Response & { [BODY_TEXT]?: string })[BODY_TEXT];
    if (text !== undefined || !response.body) {
      // The text itself, not a copy in a Buffer: Node joins a string body to the head.
      if (text !== undefined) headers["content-length"] = String(Buffer.byteLength(text));
      res.writeHead(response.status, headers);
      res.end(head ? undefined : text);
      return;
    }
    if (head) {
      res.writeHead(response.status, headers);
      res.end();
      response.body.cancel().catch(() => {});
      return;
    }
    // A stream (Server-Sent Events, or any body we did not build ourselves).
    res.writeHead(response.status, headers);
    res.flushHeaders();
    const reader = response.body.getReader();
    const end = () => {
      reader.cancel().catch(() => {});
      res.end();
    };
    streams.add(end);
    res.once("close", () => {
      streams.delete(end);
      reader.cancel().catch(() => {});
    });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value)) await new Promise<void>((r) => (res.once("drain", r), res.once("close", r)));
        if (res.destroyed) break;
      }
    } catch {
      /* the client went away, or the stream was ended at shutdown */
    } finally {
      streams.delete(end);
      if (!res.writableEnded) res.end();
    }
  }

  function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string) {
    return sendError(req, res, 405, errno.UNDEFINED, "Method Not Allowed", { Allow: allow });
  }

  function sendError(req: IncomingMessage, res: ServerResponse, status: number, no: number, error: string, extra: Record<string, string> = {}) {
    if (req.method !== "GET" && req.method !== "HEAD" && !req.complete) {
      // Do not wait for a body nobody will read.
      extra.Connection = "close";
    }
    const { body, headers } = envelope(status, no, error, {
      ...(corsHeaders(req.headers.origin, header(req, "access-control-request-headers")) ?? {}),
      ...extra,
    });
    if (stopping) headers.Connection = "close";
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  }

  async function shutdown(graceMs = 8000) {
    if (stopping) return;
    stopping = true;
    const deadline = Date.now() + graceMs;
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeIdleConnections();
    // Streams never finish by themselves: end them so browsers reconnect (to another instance).
    for (const end of [...streams]) end();
    for (const fn of shutdownHooks) await Promise.resolve(fn()).catch(() => {});
    while (active > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
      server.closeIdleConnections();
    }
    server.closeAllConnections();
    await Promise.race([closed, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
  }

  return { server, shutdown, onShutdown: (fn) => shutdownHooks.push(fn) };
}

/** The envelope's body (contract §1) and the headers that go with it. */
function envelope(status: number, no: number, error: string, extra: Record<string, string>) {
  const body = JSON.stringify({ code: status, errno: no, error });
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store",
    ...extra,
  };
  return { body, headers };
}

/** An answer in the envelope on a socket that has no ServerResponse (parser errors, upgrades, CONNECT); closes it. */
function rawAnswer(socket: Duplex, status: number, reason: string, no: number, error: string, extra: Record<string, string> = {}) {
  if (!socket.writable) return void socket.destroy();
  const { body, headers } = envelope(status, no, error, { ...extra, Connection: "close" });
  let head = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
  socket.end(`${head}\r\n${body}`);
}

async function loadRoute(opts: FrontDoorOptions, entry: RouteEntry): Promise<Loaded> {
  const mod = opts.requireModule(join(opts.distDir, "server", entry.file)) as {
    routeModule: { ensureUserland(): Promise<void>; userland: Record<string, unknown> };
  };
  await mod.routeModule.ensureUserland();
  const userland = mod.routeModule.userland;
  const methods: RouteModule = {};
  for (const m of METHODS) if (typeof userland[m] === "function") methods[m] = userland[m] as Handler;
  const allow = METHODS.filter((m) => methods[m] || (m === "HEAD" && methods.GET));
  if (!methods.OPTIONS) {
    methods.OPTIONS = () => new Response(null, { status: 204, headers: { Allow: allow.concat("OPTIONS").join(", ") } });
    allow.push("OPTIONS");
  }
  return { methods, allow: allow.join(", ") };
}

/** Exported for tests: replaces any client-sent `x-loop-peer` with the socket's address. */
export function setPeer(req: Pick<IncomingMessage, "headers" | "rawHeaders" | "socket">) {
  // Only the socket says who is connected; a client-sent value is dropped (lib/http/client-address.ts).
  if (req.headers[PEER] !== undefined) {
    delete req.headers[PEER];
    const raw = req.rawHeaders;
    for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i].toLowerCase() === PEER) raw.splice(i, 2);
  }
  const addr = req.socket.remoteAddress ?? "";
  req.headers[PEER] = addr;
  req.rawHeaders.push(PEER, addr);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(", ") : v;
}

function wantsHtml(req: IncomingMessage) {
  return (req.headers.accept ?? "").includes("text/html");
}

/**
 * A body past the limit is read on and thrown away up to this much more, so that the client has
 * sent it all when the 413 and `Connection: close` go out: closing a socket with unread data
 * resets it, and the client would see a broken pipe instead of the answer. Beyond this, the
 * answer goes out at once.
 */
const DRAIN_MAX = 1024 * 1024;

/** The body, read up to one byte past the limit: route() answers 413 from what it sees. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit + DRAIN_MAX) return Promise.resolve(Buffer.alloc(limit + 1));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off("data", onData);
      req.off("end", done);
      req.off("error", onError);
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      resolve(body.length > limit + 1 ? body.subarray(0, limit + 1) : body);
    };
    const onData = (c: Buffer) => {
      if (size <= limit) chunks.push(c);
      size += c.length;
      if (size > limit + DRAIN_MAX) {
        req.pause();
        done();
      }
    };
    const onError = (e: Error) => {
      req.off("data", onData);
      reject(e);
    };
    req.on("data", onData);
    req.on("end", done);
    req.on("error", onError);
  });
}

function toRequest(req: IncomingMessage, body: Buffer | undefined, signal: AbortSignal): Request | null {
  try {
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i < raw.length; i += 2) headers.append(raw[i], raw[i + 1]);
    let host = req.headers.host ?? "localhost";
    if (!/^[A-Za-z0-9.\-:[\]]+$/.test(host)) host = "localhost";
    return new Request(`http://${host}${req.url}`, {
      method: req.method,
      headers,
      body: body && body.length ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) : undefined,
      signal,
    });
  } catch {
    return null;
  }
}
