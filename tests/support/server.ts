import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { smsEnv } from "./sms-standin";
import { createTestDatabase, TEST_SECRETS } from "./test-db";

/** The API run's SMTP receiver and SMS stand-in (tests/support/api-global.ts), when there are. */
function identityEnv(): Record<string, string> {
  return {
    ...(process.env.LOOP_TEST_SMTP_URL ? { SMTP_URL: process.env.LOOP_TEST_SMTP_URL } : {}),
    ...(process.env.LOOP_TEST_SMS_URL ? smsEnv({ url: process.env.LOOP_TEST_SMS_URL }) : {}),
  };
}
/** Per-address limits raised for test servers (see docs/limits.md); per-identity ones stay. */
export const TEST_ADDRESS_LIMITS: Record<string, string> = {
  LIMIT_REGISTRATION_PER_ADDRESS: "100000/60",
  LIMIT_SIGN_UP_PER_ADDRESS: "100000/60",
  LIMIT_SIGN_UP_TAKEN_PER_ADDRESS: "100000/60",
  LIMIT_SIGN_IN_PER_ADDRESS: "100000/60",
  LIMIT_ROOM_CREATE_PER_ADDRESS: "100000/60",
  LIMIT_CALL_URL_CREATE_PER_ADDRESS: "100000/60",
  LIMIT_LINK_CALL_PER_CALLER: "100000/60",
  LIMIT_FEEDBACK_PER_ADDRESS: "100000/60",
  LIMIT_TOKEN_MISS_PER_ADDRESS: "100000/60",
  LIMIT_MSISDN_SEND_PER_ADDRESS: "100000/60",
  STREAMS_MAX_PER_ADDRESS: "100000",
};

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
 * Starts the production server (`scripts/start.mjs`, the build in `.next`) on a free port with a database of its own.
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
    [join(process.cwd(), "scripts/start.mjs")],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        ...TEST_SECRETS,
        NODE_ENV: "production",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: url,
        DATABASE_URL: database.url,
        DATA_DIR: database.dataDir,
        PUSH_ALLOWED_HOSTS: "127.0.0.1,localhost",
        CARDDAV_ALLOWED_HOSTS: "127.0.0.1,localhost",
        LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
        ...identityEnv(),
        // Every test talks from one address (127.0.0.1, or "unknown" under `next start`):
        // per-address limits would add up across the whole suite. Tests of those limits pass
        // their own values.
        ...TEST_ADDRESS_LIMITS,
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
