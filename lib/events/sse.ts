/**
 * A Server-Sent Events response that streams as events happen under `next start`: the
 * headers that stop buffering, a heartbeat comment every 25 s, cleanup when the client goes.
 * Route files using it must `export const dynamic = "force-dynamic"`.
 */
export type SseSend = (event: { event?: string; id?: string | number; data: unknown }) => void;

export function sseResponse(
  req: Request,
  start: (send: SseSend, close: () => void) => (() => void) | void | Promise<(() => void) | void>,
  opts: { heartbeatMs?: number; headers?: Record<string, string> } = {},
): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | void;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
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
      cleanup = await start(send, close);
      if (closed) cleanup?.();
    },
    cancel() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
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
