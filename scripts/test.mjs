// `npm test`: every layer, in order of cost. Type-check, unit tests against a real database,
// the production build, API tests against it over HTTP, then Playwright in Chromium.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// Playwright drives the system's Chromium (no browser download). Install it when missing and
// we are allowed to (root with apt-get, as on a fresh Debian machine); otherwise say how.
function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(path)) return true;
  const root = process.getuid?.() === 0;
  if (root && existsSync("/usr/bin/apt-get")) {
    console.log("Chromium is missing: installing Debian's chromium (a few minutes, once)…");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const r = spawnSync("apt-get", ["install", "-y", "-qq", "chromium", "fonts-dejavu-core"], { stdio: "inherit", env });
    if (r.status === 0 && existsSync(path)) return true;
  }
  console.error(`No Chromium at ${path}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);
  return false;
}

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["build", "npx", ["next", "build"]],
  ["api", "npx", ["vitest", "run", "--project", "api"]],
  ["e2e", "npx", ["playwright", "test"]],
];
const only = process.argv.slice(2);
const results = [];
if ((!only.length || only.includes("e2e")) && !ensureChromium()) process.exit(1);
for (const [name, cmd, args] of steps) {
  if (only.length && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  results.push({ name, ok: r.status === 0, secs: ((Date.now() - started) / 1000).toFixed(0) });
  if (r.status !== 0) break;
}
console.log("\n=== summary");
for (const r of results) console.log(`${r.ok ? "ok  " : "FAIL"} ${r.name} (${r.secs}s)`);
process.exit(results.every((r) => r.ok) && results.length ? 0 : 1);
