import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startServer, type RunningServer } from "../support/server";

/**
 * Storage down (contract §1): the server still starts, the heartbeat names the failing part,
 * and API routes answer 503 / 201 with Retry-After instead of 500 or hanging.
 */
let server: RunningServer;
const dataDir = mkdtempSync(join(tmpdir(), "loop-outage-"));

beforeAll(async () => {
  // A PostgreSQL URL on a port where nothing listens: every connection is refused.
  const url = `postgresql://postgres@127.0.0.1:${await freePort()}/loop`;
  server = await startServer({ LOG_LEVEL: "error" }, "outage", { database: { url, dataDir, drop: async () => {} } });
});

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("storage outage", () => {
  it("/__heartbeat__ → 503 naming storage as the failing part", async () => {
    const r = await fetch(`${server.url}/__heartbeat__`);
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("30");
    const body = await r.json();
    expect(body.storage).toBe(false);
    expect(body.provider).toBe(true);
    // The part that failed, never its error text (hosts, ports, driver messages).
    expect(body.message).toBe("storage unavailable");
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|connect/i);
  });

  it("an API write → 503 / 201 with Retry-After, not 500", async () => {
    const r = await fetch(`${server.url}/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ happy: true }),
    });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("30");
    expect(await r.json()).toEqual({ code: 503, errno: 201, error: "Service Unavailable" });
  });

  it("the landing page still renders", async () => {
    const r = await fetch(`${server.url}/`, { headers: { Accept: "text/html" } });
    expect(r.status).toBe(200);
  });
});
