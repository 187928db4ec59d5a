import { config } from "../config";

/**
 * A Server-Sent Events response that streams as events happen under `next start`: the
 * headers that stop buffering, a heartbeat comment every 25 s, cleanup when the client goes.
 * Route files using it must `export const dynamic = "force-dynamic"`.
 */
export type SseSend = (event: { event?: string; id?: string | number; data: unknown }) => void;

export function sseResponse(
  req: Request,
  start: (send: SseSend, close: () => void) => (() => void) | void | Promise<(() => void) | void>,
  opts: {
    heartbeatMs?: number;
    headers?: Record<string, string>;
    /**
     * Re-checks what authorised the stream (contract §6: ≤ 30 s); false closes the stream
     * (a failing check, e.g. storage down, keeps it). Runs every `recheckMs` (default STREAM_RECHECK_SEC).
     */
    recheck?: () => Promise<boolean>;
    recheckMs?: number;
  } = {},
): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | void;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let recheck: ReturnType<typeof setInterval> | undefined;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (s: string) => {
        if (!closed) controller.enqueue(encoder.encode(s));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        if (heartbeat) clearInterval(heartbeat);
        if (recheck) clearInterval(recheck);
        cleanup?.();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      const send: SseSend = ({ event, id, data }) => {
        let frame = "";
        if (id !== undefined) frame += `id: ${id}\n`;
        if (event) frame += `event: ${event}\n`;
        frame += `data: ${JSON.stringify(data)}\n\n`;
        write(frame);
      };
      write(": connected\n\nretry: 3000\n\n");
      heartbeat = setInterval(() => write(": heartbeat\n\n"), opts.heartbeatMs ?? 25_000);
      req.signal.addEventListener("abort", close);
      if (opts.recheck) {
        const check = opts.recheck;
        recheck = setInterval(() => {
          check()
            .then((ok) => {
              if (!ok) {
                write("event: revoked\ndata: {}\n\n");
                close();
              }
            })
            .catch(() => {});
        }, opts.recheckMs ?? config().caps.streamRecheckSec * 1000);
        recheck.unref?.();
      }
      cleanup = await start(send, close);
      if (closed) cleanup?.();
    },
    cancel() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      if (recheck) clearInterval(recheck);
      cleanup?.();
    },
  });
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
      ...opts.headers,
    },
  });
}
