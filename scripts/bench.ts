/**
 * `npm run bench`: the project's API benchmark. Starts the production build (run `next build`
 * first) on a fresh database, then for each scenario runs a fixed number of requests from a
 * few concurrent loops and reports throughput, latency percentiles, the server's CPU time per
 * request (from /proc, so our own cost can be compared with the framework's no-op baseline)
 * and its resident memory. Traffic goes only to 127.0.0.1. Results: docs/performance.md.
 *   npm run bench                 # SQLite
 *   LOOP_TEST_DB=postgres npm run bench
 */
import { readFileSync } from "node:fs";
import { LoopClient } from "../tests/support/loop-client";
import { startServer } from "../tests/support/server";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TICK = 100; // USER_HZ on Linux

function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK; // utime + stime
}

function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The next-server process is the child of `next start`'s node process, or that process itself. */
function serverPid(pid: number) {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : pid;
  } catch {
    return pid;
  }
}

type Scenario = { name: string; run: (i: number) => Promise<number> };

async function measure(pid: number, s: Scenario) {
  // Warm up: first requests compile and cache.
  for (let i = 0; i < 50; i++) await s.run(-1 - i);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const start = performance.now();
        const status = await s.run(i);
        latencies.push(performance.now() - start);
        if (status >= 400) errors++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuMs(pid) - cpu0;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    scenario: s.name,
    "req/s": Math.round(REQUESTS / secs),
    "p50 ms": +pct(50).toFixed(1),
    "p99 ms": +pct(99).toFixed(1),
    "server CPU ms/req": +(cpu / REQUESTS).toFixed(2),
    "RSS MB": Math.round(rssMb(pid)),
    errors,
  };
}

async function main() {
  // Rooms big enough that CONCURRENCY guests joining at once never find them full.
  const roomSize = CONCURRENCY + 2;
  const server = await startServer({ LOG_LEVEL: "warn", ROOMS_MAX_SIZE: String(roomSize) }, "bench");
  const pid = serverPid(server.pid);
  const owner = new LoopClient(server.url);
  await owner.register();
  const room = await owner.post("/rooms", { roomName: "Bench", roomOwner: "bench", maxSize: roomSize });
  const token = room.body?.roomToken as string;
  const anon = new LoopClient(server.url);

  const scenarios: Scenario[] = [
    { name: "GET /push-server-config (framework baseline)", run: async () => (await fetch(`${server.url}/push-server-config`)).status },
    { name: "GET /v1/push-server-config (baseline + rewrite)", run: async () => (await fetch(`${server.url}/v1/push-server-config`)).status },
    { name: "POST /registration (new Hawk session)", run: async () => (await new LoopClient(server.url).post("/registration", {}, { auth: "none" })).status },
    { name: "GET /rooms (Hawk + query)", run: async () => (await owner.get("/rooms")).status },
    { name: "GET /rooms/{token} (public)", run: async () => (await anon.get(`/rooms/${token}`, { auth: "none" })).status },
    { name: "POST /rooms (create)", run: async (i) => (await owner.post("/rooms", { roomName: `R${i}`, roomOwner: "bench", maxSize: 5 })).status },
    {
      name: "join + leave (guest)",
      run: async () => {
        const j = await anon.post(`/rooms/${token}`, { action: "join", displayName: "g", clientMaxSize: roomSize }, { auth: "none" });
        if (j.status !== 200) return j.status;
        return (await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: j.body.sessionToken } })).status;
      },
    },
  ];

  const rows = [];
  for (const s of scenarios) rows.push(await measure(pid, s));
  console.table(rows);
  console.log(
    `database: ${process.env.LOOP_TEST_DB === "postgres" ? "PostgreSQL" : "SQLite"}, ${REQUESTS} requests per scenario, ${CONCURRENCY} concurrent, node ${process.version}`,
  );
  await server.stop();
  // Address book: imports and CardDAV syncs under a heartbeat prober (BENCH_CONTACTS=0 skips).
  if (process.env.BENCH_CONTACTS !== "0") await (await import("./bench-contacts")).benchContacts();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
