import { describe, expect, inject, it } from "vitest";
import { LoopClient } from "../support/loop-client";

const anon = new LoopClient(inject("apiUrl"));

describe("request bodies (contract §1)", () => {
  it("malformed JSON → 400 errno 106, at both prefixes", async () => {
    for (const prefix of ["", "/v1"]) {
      const r = await anon.request("POST", `${prefix}/feedback`, { rawBody: '{"happy": tru', auth: "none" });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code: 400, errno: 106 });
      expect(r.headers.get("timestamp")).toBeNull();
    }
  });

  it("a body over the limit (64 KB by default) → 413 with a Loop error body", async () => {
    const big = JSON.stringify({ happy: true, description: "x".repeat(70 * 1024) });
    const r = await anon.request("POST", "/feedback", { rawBody: big, auth: "none" });
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 413, errno: 113 });
  });

  it("a chunked body without Content-Length is still measured", async () => {
    const chunks = new ReadableStream({
      start(c) {
        for (let i = 0; i < 70; i++) c.enqueue(new TextEncoder().encode("x".repeat(1024)));
        c.close();
      },
    });
    const res = await fetch(`${inject("apiUrl")}/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: chunks,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it("missing and invalid fields → 108 and 107", async () => {
    const missing = await anon.post("/feedback", {}, { auth: "none" });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ errno: 108, error: "Missing: happy" });
    const invalid = await anon.post("/feedback", { happy: true, category: "nope" }, { auth: "none" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errno).toBe(107);
  });

  it("stores feedback: 201 with an id", async () => {
    const r = await anon.post("/feedback", { happy: false, category: "video_quality", description: "frozen" }, { auth: "none" });
    expect(r.status).toBe(201);
    expect(r.body.id).toEqual(expect.any(Number));
  });
});
