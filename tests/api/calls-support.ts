import { createServer, type Server } from "node:http";
import { expect } from "vitest";

/** Helpers the call suites share: a SimplePush receiver and call-progress devices (contract §6). */

/** A SimplePush endpoint: records every PUT body (`version=<n>`); `next()` waits for the next one. */
export function pushReceiver() {
  const received: string[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.method === "PUT") received.push(body);
      res.writeHead(200).end();
      waiters.splice(0).forEach((w) => w());
    });
  });
  return {
    received,
    async start() {
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}/push/bob`;
    },
    async next() {
      const n = received.length;
      while (received.length === n) await new Promise<void>((r) => waiters.push(r));
      return received[received.length - 1];
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type ProgressEvent = { event: string; data: any };

/**
 * One progress device: an SSE stream read event by event, its first event (`device`) already
 * read. The token goes in the Authorization header, or in `?token=` with `via: "query"`.
 * A stream the test aborts itself reads as ended.
 */
export async function openProgress(progressURL: string, token: string, via: "header" | "query" = "header") {
  const ctrl = new AbortController();
  const res =
    via === "header"
      ? await fetch(progressURL, { headers: { Accept: "text/event-stream", Authorization: `Bearer ${token}` }, signal: ctrl.signal })
      : await fetch(`${progressURL}?token=${token}`, { headers: { Accept: "text/event-stream" }, signal: ctrl.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = "";
  let ended = false;
  async function next(): Promise<ProgressEvent | null> {
    for (;;) {
      const i = buf.indexOf("\n\n");
      if (i >= 0) {
        const frame = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const lines = frame.split("\n");
        const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
        if (!data) continue; // comments, retry
        return { event: lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "message", data: JSON.parse(data) };
      }
      if (ended) return null;
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) ended = true;
      else buf += decoder.decode(value, { stream: true });
    }
  }
  const first = await next();
  expect(first?.event).toBe("device");
  return {
    deviceId: first!.data.deviceId as string,
    next,
    /** resolves once the server has closed the stream */
    ended: async () => {
      while ((await next()) !== null);
      return true;
    },
    close: () => ctrl.abort(),
  };
}

/** POSTs a progress message (hello, action, …) as `token`; the status and the JSON answer. */
export async function postProgress(progressURL: string, token: string, message: Record<string, unknown>) {
  const res = await fetch(progressURL, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(message),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}
