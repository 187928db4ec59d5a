import { describe, expect, it } from "vitest";
import type { IncomingMessage } from "node:http";
import { setPeer } from "@/lib/server/front-door";

// `x-loop-peer` is the socket's address, never what the client sent (lib/http/client-address.ts reads it).
function request(headers: Record<string, string>, rawHeaders: string[], remoteAddress: string) {
  return { headers, rawHeaders, socket: { remoteAddress } } as unknown as Pick<IncomingMessage, "headers" | "rawHeaders" | "socket">;
}

describe("setPeer", () => {
  it("replaces a client-sent x-loop-peer, in headers and rawHeaders", () => {
    const req = request({ host: "x", "x-loop-peer": "6.6.6.6" }, ["Host", "x", "X-Loop-Peer", "6.6.6.6"], "127.0.0.1");
    setPeer(req);
    expect(req.headers["x-loop-peer"]).toBe("127.0.0.1");
    expect(req.rawHeaders).toEqual(["Host", "x", "x-loop-peer", "127.0.0.1"]);
  });

  it("sets it when the client sent none", () => {
    const req = request({ host: "x" }, ["Host", "x"], "::1");
    setPeer(req);
    expect(req.headers["x-loop-peer"]).toBe("::1");
  });
});
