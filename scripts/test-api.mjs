// `npm run test:api [files…]`: the API tests run against the production build in .next, so
// build first when there is none or when a source is newer than it; then run the API project.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const SOURCES = ["app", "lib", "components", "types", "prisma", "instrumentation.ts", "proxy.ts", "next.config.ts", "package-lock.json"];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = 0;
  for (const e of readdirSync(path)) if (e !== "node_modules") max = Math.max(max, newest(join(path, e)));
  return max;
}

function buildIsStale() {
  const id = join(distDir, "BUILD_ID");
  if (!existsSync(id)) return true;
  const built = statSync(id).mtimeMs;
  return SOURCES.some((s) => newest(s) > built);
}

function run(args) {
  return spawnSync("npx", args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } }).status ?? 1;
}

if (buildIsStale()) {
  console.log("The production build is missing or older than the sources: building first…");
  const status = run(["next", "build"]);
  if (status !== 0) process.exit(status);
}
process.exit(run(["vitest", "run", "--project", "api", ...process.argv.slice(2)]));
