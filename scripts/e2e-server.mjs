// Starts the production build for the e2e run on a fresh data folder of its own.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = process.argv[2] ?? "3210";
const dataDir = mkdtempSync(join(tmpdir(), "loop-e2e-"));
const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port, "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${join(dataDir, "loop.db")}`,
    PUSH_ALLOWED_HOSTS: "127.0.0.1,localhost",
    CARDDAV_ALLOWED_HOSTS: "127.0.0.1,localhost",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  },
});
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
