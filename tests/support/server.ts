import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { createTestDatabase, TEST_SECRETS } from "./test-db";

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;

export type RunningServer = {
  url: string;
  port: number;
  pid: number;
  database: TestDatabase;
  /** SIGTERM, then drop the database unless it was passed in (the caller owns it then). */
  stop: () => Promise<void>;
  /** SIGKILL at once: nothing gets to flush. The database is kept. */
  kill: () => Promise<void>;
  logs: () => string;
};

/**
 * Starts the production build (`next start`) on a free port with a database of its own.
 * `env` adds or overrides variables (e.g. OpenTok against a local stand-in).
 */
export async function startServer(
  env: Record<string, string> = {},
  label = "api",
  opts: { database?: TestDatabase } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const database = opts.database ?? (await createTestDatabase(label));
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...TEST_SECRETS,
        NODE_ENV: "production",
        PORT: String(port),
        PUBLIC_URL: url,
        DATABASE_URL: database.url,
        DATA_DIR: database.dataDir,
        PUSH_ALLOWED_HOSTS: "127.0.0.1,localhost",
        CARDDAV_ALLOWED_HOSTS: "127.0.0.1,localhost",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/__lbheartbeat__`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const exited = new Promise((r) => child.once("exit", r));
  return {
    url,
    port,
    pid: child.pid!,
    database,
    logs: () => output,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      if (!opts.database) await database.drop();
    },
  };
}
