import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { json, route } from "@/lib/http/handler";
import { errors } from "@/lib/http/errors";

afterEach(() => vi.restoreAllMocks());

describe("route() wrapper", () => {
  it("an unexpected error → 500 / 999, request id logged, no internal detail in the body", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      lines.push(String(s));
      return true;
    });
    const h = route({
      handler: () => {
        throw new Error("db password is hunter2 at /srv/secret.ts:42");
      },
    });
    const res = await h(new Request("http://loop.test/x"));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ code: 500, errno: 999, error: "Internal Server Error" });
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const logged = lines.join("");
    expect(logged).toContain(requestId);
    expect(logged).toContain("hunter2"); // the detail goes to the log, not to the client
  });

  it("a LoopError keeps its status, errno and headers", async () => {
    const h = route({
      handler: () => {
        throw errors.backend("down", 30);
      },
    });
    const res = await h(new Request("http://loop.test/x"));
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toMatchObject({ code: 503, errno: 201 });
  });

  it("reports every missing field at once (108) and a bad value as 107", async () => {
    const h = route({
      body: z.object({ a: z.string(), b: z.number(), c: z.string().max(3, "c should be at most 3 characters").optional() }),
      handler: () => json({}),
    });
    const post = (body: unknown) =>
      h(new Request("http://loop.test/x", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }));
    expect(await (await post({})).json()).toMatchObject({ errno: 108, error: "Missing: a, b" });
    expect(await (await post({ a: "x", b: 1, c: "toolong" })).json()).toMatchObject({
      errno: 107,
      error: "c should be at most 3 characters",
    });
  });

  it("Timestamp on 200 and 401 only", async () => {
    const ok = await route({ handler: () => json({}) })(new Request("http://loop.test/x"));
    expect(ok.headers.get("timestamp")).toMatch(/^\d+$/);
    const unauth = await route({
      handler: () => {
        throw errors.unauthorized();
      },
    })(new Request("http://loop.test/x"));
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get("timestamp")).toMatch(/^\d+$/);
    expect(unauth.headers.get("www-authenticate")).toBe("Hawk");
    const bad = await route({
      handler: () => {
        throw errors.invalid("no");
      },
    })(new Request("http://loop.test/x"));
    expect(bad.headers.get("timestamp")).toBeNull();
  });
});
