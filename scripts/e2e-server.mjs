// Starts the production build for the e2e run on a fresh data folder of its own.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = process.argv[2] ?? "3210";
const dataDir = mkdtempSync(join(tmpdir(), "loop-e2e-"));
rmSync(join(tmpdir(), `loop-e2e-clock-${port}`), { force: true });
// A real SMTP receiver and the SMS API stand-in next to the app (ports port+1..port+3), so the
// specs can read the verification mail and SMS codes (e2e/support/identity.ts).
const sinks = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "tests/support/e2e-sinks.ts", port], { stdio: "inherit" });
const child = spawn(process.execPath, ["scripts/start.mjs"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${join(dataDir, "loop.db")}`,
    PUSH_ALLOWED_HOSTS: "127.0.0.1,localhost",
    CARDDAV_ALLOWED_HOSTS: "127.0.0.1,localhost",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    // Tests move the server's clock forward by writing milliseconds here (e2e/support/clock.ts).
    LOOP_TEST_CLOCK_FILE: join(tmpdir(), `loop-e2e-clock-${port}`),
    SMTP_URL: `smtp://127.0.0.1:${Number(port) + 2}`,
    SMS_PROVIDER: "vonage",
    SMS_API_KEY: "test-key",
    SMS_API_SECRET: "test-secret",
    SMS_FROM: "Loop",
    SMS_API_URL: `http://127.0.0.1:${Number(port) + 3}`,
    // Every browser of the run talks from 127.0.0.1: per-address limits would add up across
    // the whole run (docs/limits.md). Per-identity limits stay at their defaults.
    ...Object.fromEntries(
      [
        "REGISTRATION", "SIGN_UP", "SIGN_UP_TAKEN", "SIGN_IN", "ROOM_CREATE", "CALL_URL_CREATE",
        "LINK_CALL_PER_CALLER", "FEEDBACK", "TOKEN_MISS", "MSISDN_SEND",
      ].map((n) => [n === "LINK_CALL_PER_CALLER" ? `LIMIT_${n}` : `LIMIT_${n}_PER_ADDRESS`, "100000/60"]),
    ),
    STREAMS_MAX_PER_ADDRESS: "100000",
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("LIMIT_") || k.startsWith("STREAMS_"))),
  },
});
const stop = () => {
  child.kill("SIGTERM");
  sinks.kill("SIGTERM");
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  sinks.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
