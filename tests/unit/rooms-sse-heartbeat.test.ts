import { describe, expect, it } from "vitest";
import { sseResponse } from "@/lib/events/sse";

/** The SSE helper the room streams use: headers that stop buffering, heartbeats, cleanup. */
describe("sseResponse", () => {
  it("sends heartbeat comments on its interval and runs the cleanup when the client goes", async () => {
    const ac = new AbortController();
    let cleaned = false;
    const res = sseResponse(
      new Request("http://loop.test/events", { signal: ac.signal }),
      (send) => {
        send({ event: "hello", id: 1, data: { ok: true } });
        return () => {
          cleaned = true;
        };
      },
      { heartbeatMs: 20 },
    );
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = res.body!.getReader();
    let text = "";
    while ((text.match(/: heartbeat/g) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain("id: 1\nevent: hello\ndata: {\"ok\":true}\n\n");
    ac.abort();
    await new Promise((r) => setTimeout(r, 10));
    expect(cleaned).toBe(true);
  });
});
