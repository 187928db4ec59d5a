import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, startServer } from "../support/server";
import { createTestDatabase, TEST_SECRETS } from "../support/test-db";
import { createRoom, device, hawkHeader, openSse } from "./rooms-support";
import { waitFor } from "../support/wait";

/**
 * The process README names (`node scripts/start.mjs`): SIGTERM stops everything it started
 * within 10 s; a configuration error stops it before it listens.
 */

/** Pids whose parent is `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
  });
}

describe("stopping and starting the server process", () => {
  it("SIGTERM ends open event streams, closes the port and leaves nothing behind within 10 s", async () => {
    const server = await startServer({}, "lifecycle");
    try {
      const c = await device(server.url);
      const sse = await openSse(`${server.url}/events`, hawkHeader(c, `${server.url}/events`));
      expect(sse.status).toBe(200);
      const token = await createRoom(c);
      await sse.until((es) => es.some((e) => e.data?.roomToken === token));
      const children = childrenOf(server.pid);

      const t0 = Date.now();
      process.kill(server.pid, "SIGTERM"); // that process alone, not a group
      await waitFor(() => sse.ended, { timeoutMs: 10_000, what: "the stream to end" }); // the browser reconnects elsewhere
      await waitFor(() => !existsSync(`/proc/${server.pid}`) || readFileSync(`/proc/${server.pid}/stat`, "utf8").includes(") Z "), {
        timeoutMs: 10_000,
        what: "the server process to exit",
      });
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(server.logs()).toContain("server.stopping");
      expect(await portOpen(server.port)).toBe(false);
      for (const pid of children) expect(existsSync(`/proc/${pid}`), `child ${pid} still running`).toBe(false);
    } finally {
      await server.stop();
    }
  });

  it("a configuration error stops the process with a non-zero exit and the message, before it listens", async () => {
    const database = await createTestDatabase("lifecycle-config");
    const port = await freePort();
    try {
      const child = spawn(process.execPath, [join(process.cwd(), "scripts/start.mjs")], {
        env: {
          ...process.env,
          ...TEST_SECRETS,
          LOOP_HMAC_SECRET: "too-short",
          PORT: String(port),
          HOST: "127.0.0.1",
          DATABASE_URL: database.url,
          DATA_DIR: database.dataDir,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      let listened = false;
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
      const poll = setInterval(() => void portOpen(port).then((open) => (listened ||= open)), 20);
      const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
      clearInterval(poll);
      expect(code).not.toBe(0);
      expect(output).toContain("LOOP_HMAC_SECRET");
      expect(output).not.toContain("server.listening");
      expect(listened).toBe(false);
    } finally {
      await database.drop();
    }
  });
});
