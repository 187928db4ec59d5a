import { createServer, type Server } from "node:http";
import Hawk from "@hapi/hawk";
import { LoopClient } from "../support/loop-client";
import { waitFor } from "../support/wait";

/** Helpers shared by the rooms, events and video API tests. */

export const ctx = { value: "Y2lwaGVydGV4dA==", alg: "AES-GCM", wrappedKey: "d3JhcHBlZA==" };

/** A registered device (anonymous Hawk session), optionally with a rooms push URL. */
export async function device(base: string, pushUrl?: string) {
  const c = new LoopClient(base);
  await c.register(pushUrl ? { simplePushURLs: { rooms: pushUrl } } : {});
  return c;
}

export async function createRoom(owner: LoopClient, body: Record<string, unknown> = {}) {
  const r = await owner.post("/rooms", { roomOwner: "Alice", context: ctx, maxSize: 5, ...body });
  if (r.status !== 201) throw new Error(`create room: ${r.status} ${r.text}`);
  return r.body.roomToken as string;
}

export const basic = (sessionToken: string) => ({ basic: sessionToken });

export async function guestJoin(base: string, token: string, displayName = "Guest", clientMaxSize = 5) {
  const anon = new LoopClient(base);
  return anon.post(`/rooms/${token}`, { action: "join", displayName, clientMaxSize }, { auth: "none" });
}

export type SseEvent = { event: string; data: any; id?: string };

/** A Server-Sent Events reader over fetch (Node has no EventSource). */
export async function openSse(url: string, headers: Record<string, string> = {}, init: { method?: string; body?: unknown } = {}) {
  const ac = new AbortController();
  const res = await fetch(url, {
    method: init.method ?? "GET",
    headers: { Accept: "text/event-stream", ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: ac.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  if (res.ok && res.body) {
    void (async () => {
      const reader = res.body!.getReader();
      const dec = new TextDecoder();
      let buf = "";
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf("\n\n")) !== -1) {
            const frame = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const e: Partial<SseEvent> & { dataLines: string[] } = { dataLines: [] };
            for (const line of frame.split("\n")) {
              if (line.startsWith(":")) comments.push(line.slice(1).trim());
              else if (line.startsWith("event: ")) e.event = line.slice(7);
              else if (line.startsWith("data: ")) e.dataLines.push(line.slice(6));
              else if (line.startsWith("id: ")) e.id = line.slice(4);
            }
            if (e.dataLines.length) events.push({ event: e.event ?? "message", id: e.id, data: JSON.parse(e.dataLines.join("\n")) });
          }
          wake?.();
        }
      } catch {
        /* aborted */
      }
      ended = true;
      wake?.();
    })();
  }
  const sse = {
    status: res.status,
    headers: res.headers,
    body: res.ok ? undefined : await res.json().catch(() => undefined),
    events,
    comments,
    get ended() {
      return ended;
    },
    of: (name: string) => events.filter((e) => e.event === name),
    /** Resolves when `pred` holds over the events received so far. */
    async until(pred: (events: SseEvent[]) => boolean, ms = 5000) {
      const deadline = Date.now() + ms;
      while (!pred(events)) {
        if (Date.now() > deadline) throw new Error(`SSE: timed out; got ${JSON.stringify(events)}`);
        if (ended) throw new Error(`SSE: stream ended; got ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 50);
        });
      }
      return events;
    },
    close: () => ac.abort(),
  };
  return sse;
}

/** The Hawk Authorization header for a GET of `url` (for streams LoopClient cannot read). */
export function hawkHeader(client: LoopClient, url: string) {
  return { Authorization: Hawk.client.header(url, "GET", { credentials: client.credentials! }).header };
}

/** A local SimplePush endpoint that records the bodies it is PUT. */
export async function pushEndpoint() {
  const received: { path: string; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      if (req.method === "PUT") received.push({ path: req.url ?? "", body });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: (name: string) => `${base}/${name}`,
    received,
    versionsFor: (name: string) => received.filter((r) => r.path === `/${name}`).map((r) => Number(r.body.replace("version=", ""))),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Retries an assertion until it holds (tests/support/wait.ts). */
export const eventually = <T>(fn: () => T | Promise<T>) => waitFor(fn, { intervalMs: 50 });
