// `npm test`: every layer, in order of cost. Type-check, unit tests against a real database,
// the production build, API tests against it over HTTP, then Playwright in Chromium.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["unit", "npx", ["vitest", "run", "--project", "unit"]],
  ["build", "npx", ["next", "build"]],
  ["api", "npx", ["vitest", "run", "--project", "api"]],
  ["e2e", "npx", ["playwright", "test"]],
];
const only = process.argv.slice(2);
const results = [];
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
