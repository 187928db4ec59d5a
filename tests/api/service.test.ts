import { describe, expect, inject, it } from "vitest";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LoopClient } from "../support/loop-client";
import { API_PREFIXES } from "@/lib/http/api-paths";

const base = inject("apiUrl");
const anon = new LoopClient(base);

describe("service routes (contract §3)", () => {
  for (const prefix of ["", "/v0", "/v1"]) {
    it(`GET ${prefix}/ answers JSON clients with server info`, async () => {
      const r = await anon.get(`${prefix}/`, { auth: "none" });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/application\/json/);
      expect(r.body).toMatchObject({ name: expect.any(String), description: expect.any(String), version: expect.any(String) });
      expect(r.body.endpoint).toBe(base);
    });

    it(`GET ${prefix}/ gives browsers the landing page`, async () => {
      const r = await anon.get(`${prefix}/`, { auth: "none", headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/text\/html/);
      expect(r.text).toContain("Video calls from a link");
    });

    it(`GET ${prefix}/__heartbeat__ checks the database and provider`, async () => {
      const r = await anon.get(`${prefix}/__heartbeat__`, { auth: "none" });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ storage: true, provider: true });
    });

    it(`GET ${prefix}/__lbheartbeat__ is 200 {}`, async () => {
      const r = await anon.get(`${prefix}/__lbheartbeat__`, { auth: "none" });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({});
    });

    it(`GET ${prefix}/push-server-config names a push server`, async () => {
      const r = await anon.get(`${prefix}/push-server-config`, { auth: "none" });
      expect(r.status).toBe(200);
      expect(r.body.pushServerURI).toMatch(/^wss?:\/\//);
    });
  }
});

describe("HTTP conventions (contract §1)", () => {
  it("unknown /v1 path → 404 errno 999 in the Loop envelope, for every method", async () => {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const r = await anon.request(method, "/v1/does-not-exist/at-all", { auth: "none" });
      expect(r.status, method).toBe(404);
      expect(r.body).toEqual({ code: 404, errno: 999, error: "Resource not found." });
    }
  });

  it("Timestamp header on 200, unix seconds close to now", async () => {
    const r = await anon.get("/__lbheartbeat__", { auth: "none" });
    const ts = Number(r.headers.get("timestamp"));
    expect(Math.abs(ts - Date.now() / 1000)).toBeLessThan(30);
  });

  it("no X-Powered-By header, on API routes and pages", async () => {
    const api = await anon.get("/push-server-config", { auth: "none" });
    const page = await anon.get("/", { auth: "none", headers: { Accept: "text/html" } });
    expect(api.headers.get("x-powered-by")).toBeNull();
    expect(page.headers.get("x-powered-by")).toBeNull();
  });

  it("CORS: an allowed origin is echoed, a foreign one is not", async () => {
    const ok = await anon.request("OPTIONS", "/push-server-config", {
      auth: "none",
      headers: { Origin: base, "Access-Control-Request-Method": "POST" },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(base);
    expect(ok.headers.get("access-control-allow-methods")).toContain("PATCH");
    const bad = await anon.get("/push-server-config", { auth: "none", headers: { Origin: "https://evil.example" } });
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("every API route folder under app/ also answers under /v1 (listed in API_PREFIXES)", () => {
    const app = join(process.cwd(), "app");
    const routeDirs = readdirSync(app).filter(
      (d) => statSync(join(app, d)).isDirectory() && !d.startsWith("(") && !["v1", "service", "api", "c"].includes(d) && !d.startsWith("["),
    );
    for (const d of routeDirs) expect(API_PREFIXES as readonly string[], d).toContain(d);
  });
});

describe("security headers", () => {
  it("pages and API answers never leak the link to other sites and refuse framing", async () => {
    for (const [path, accept] of [
      ["/", "text/html"],
      ["/push-server-config", "application/json"],
    ]) {
      const r = await anon.get(path, { auth: "none", headers: { Accept: accept } });
      expect(r.headers.get("referrer-policy"), path).toBe("no-referrer");
      expect(r.headers.get("x-frame-options"), path).toBe("DENY");
      expect(r.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});
