// `npm start`: builds once if there is no production build, then serves Loop on the defaults
// (port 3000, SQLite in ./data, p2p video, secrets generated into ./data on first start).
import { spawnSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

const distDir = process.env.NEXT_DIST_DIR || ".next";
if (!existsSync(`${distDir}/BUILD_ID`)) {
  console.log("No production build yet: building (about a minute)…");
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const port = process.env.PORT ?? "3000";
const child = spawn("npx", ["next", "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
