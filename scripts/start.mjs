// `npm start` / `node scripts/start.mjs`: the one Loop server process (docs/architecture.md
// "Front door"). Builds once if there is no production build, then serves on PORT (3000) with
// Next's custom-server mode: API paths are answered by the route handlers directly, pages by
// Next, WebSockets by the call-progress server, all in this one process. SIGTERM or SIGINT
// stops it within 10 s; a configuration error stops it before it listens, with the message.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { EventEmitter } from "node:events";
import { relative, resolve } from "node:path";
import { setFlagsFromString } from "node:v8";

const require = createRequire(import.meta.url);
// Prisma's query compiler is WebAssembly: V8 compiles it with Liftoff, then again with TurboFan
// in the background, keeping both (~45 MB resident). Liftoff alone keeps the idle server under
// 150 MB; the hot paths do not use Prisma (lib/db/sql.ts), and the rows that do were measured
// with and without the flag (docs/performance.md). Set before anything compiles WebAssembly.
setFlagsFromString("--liftoff-only");
const dir = process.cwd();
const distDir = resolve(dir, process.env.NEXT_DIST_DIR || ".next");
if (!existsSync(`${distDir}/BUILD_ID`)) {
  console.log("No production build yet: building (about a minute)…");
  const b = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = Number(process.env.PORT ?? "3000");
const hostname = process.env.HOST || undefined;

// The build's resolved configuration, as Next's own standalone server passes it: Next then
// does not compile next.config.ts again at start (that loads the SWC compiler, ~30 MB resident).
const serverFiles = JSON.parse(readFileSync(`${distDir}/required-server-files.json`, "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(serverFiles.config);

const nextMod = require("next");
const createNext = nextMod.default ?? nextMod;
// httpServer: Next would otherwise add its own "upgrade" listener to our server at the first
// request; WebSocket upgrades are the front door's.
const app = createNext({ dev: false, dir, hostname: hostname ?? "localhost", port, httpServer: new EventEmitter() });

function fail(err) {
  const message = String(err?.message ?? err).replace(/^An error occurred while loading instrumentation hook: /, "");
  process.stderr.write(`Loop did not start: ${message}\n`);
  process.exit(1);
}

try {
  await app.prepare();
  // In production Next starts instrumentation.ts in the background (and awaits it at the first
  // request); wait for it here, before listening: configuration check, migrations, front door.
  const { ensureInstrumentationRegistered } = require("next/dist/server/lib/router-utils/instrumentation-globals.external.js");
  await ensureInstrumentationRegistered(dir, relative(dir, distDir));
} catch (err) {
  fail(err);
}

const loop = globalThis.__loopServer;
if (!loop) fail(new Error("the build has no front door (instrumentation.ts did not run); run `npx next build`"));

let upgrade = () => false;
const door = await loop
  .createFrontDoor({
    distDir,
    next: app.getRequestHandler(),
    render404: (req, res) => app.render404(req, res),
    requireModule: (path) => require(path),
    upgrade: (req, socket, head) => upgrade(req, socket, head),
  })
  .catch(fail);
upgrade = loop.attachProgressSockets(door);

door.server.on("error", fail);
door.server.listen(port, hostname, () => {
  const a = door.server.address();
  const where = typeof a === "object" && a ? `${a.address}:${a.port}` : String(a);
  const m = process.memoryUsage();
  const mb = (n) => Math.round(n / 1048576);
  process.stdout.write(
    JSON.stringify({ t: new Date().toISOString(), level: "info", event: "server.listening", address: where, rssMb: mb(m.rss), heapMb: mb(m.heapUsed), externalMb: mb(m.external) }) + "\n",
  );
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), level: "info", event: "server.stopping", signal }) + "\n");
  // Whatever happens, the process is gone within 10 s.
  setTimeout(() => process.exit(1), 9500).unref();
  await door.shutdown(7000);
  await loop.stopServices();
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
