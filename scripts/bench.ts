/**
 * `npm run bench`: the project's API benchmark (issue 13's table). Starts the production server
 * (`scripts/start.mjs`; run `next build` first) on a fresh database, then for each scenario
 * runs a fixed number of requests after a warm-up from a few concurrent loops and reports
 * throughput, latency percentiles, the server's CPU time per request (utime + stime from
 * /proc) and its resident memory. Then it opens many idle `GET /events` streams (raw sockets,
 * so the client stays small) and measures the server's memory and the owner's live-event
 * latency after a guest join while they are open. Traffic goes only to 127.0.0.1.
 * Results: docs/performance.md.
 *   npm run bench                 # SQLite
 *   LOOP_TEST_DB=postgres npm run bench
 *   BENCH_STREAMS=0 npm run bench # skip the streams part
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { connect, type Socket } from "node:net";
import Hawk from "@hapi/hawk";
import { LoopClient } from "../tests/support/loop-client";
import { startServer } from "../tests/support/server";
import { openSse } from "../tests/api/rooms-support";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const STREAMS_PER_SESSION = 20; // the contract's default cap on open streams per identity
const EVENT_SAMPLES = Number(process.env.BENCH_EVENT_SAMPLES ?? 200);
const TICK = 100; // USER_HZ on Linux

function cpuMs(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICK; // utime + stime
}

function rssMb(pid: number) {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

const pctOf = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

type Scenario = { name: string; requestsPerRun?: number; run: (i: number) => Promise<number> };

async function measure(pid: number, s: Scenario) {
  for (let i = 0; i < WARMUP; i++) await s.run(-1 - i);
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: number | undefined;
  const cpu0 = cpuMs(pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const start = performance.now();
        const status = await s.run(i);
        latencies.push(performance.now() - start);
        if (status >= 400) {
          errors++;
          firstError ??= status;
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const cpu = cpuMs(pid) - cpu0;
  latencies.sort((a, b) => a - b);
  return {
    scenario: s.name,
    "req/s": Math.round(REQUESTS / secs),
    "p50 ms": +pctOf(latencies, 50).toFixed(1),
    "p99 ms": +pctOf(latencies, 99).toFixed(1),
    "server CPU ms/req": +(cpu / REQUESTS).toFixed(2),
    "RSS MB": Math.round(rssMb(pid)),
    errors: firstError ? `${errors} (${firstError})` : 0,
  };
}

/** An idle `GET /events` stream on a raw socket; resolves once the server has answered 200. */
function openRawStream(port: number, authorization: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1");
    let head = "";
    const onData = (d: Buffer) => {
      head += d.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      s.off("data", onData);
      s.on("data", () => {}); // heartbeats
      if (head.startsWith("HTTP/1.1 200")) resolve(s);
      else {
        s.destroy();
        reject(new Error(`stream refused: ${head.split("\r\n")[0]}`));
      }
    };
    s.on("data", onData);
    s.on("error", reject);
    s.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\nAuthorization: ${authorization}\r\n\r\n`);
  });
}

async function streamsPart(server: { url: string; port: number }, pid: number) {
  const rssBefore = rssMb(pid);
  const sessions: LoopClient[] = [];
  const need = Math.ceil(STREAMS / STREAMS_PER_SESSION);
  for (let i = 0; i < need; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, need - i) }, async () => {
        const c = new LoopClient(server.url);
        await c.register();
        return c;
      }),
    );
    sessions.push(...batch);
  }
  const sockets: Socket[] = [];
  const t0 = performance.now();
  for (let i = 0; i < STREAMS; i += 200) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(200, STREAMS - i) }, (_, k) => {
        const c = sessions[Math.floor((i + k) / STREAMS_PER_SESSION)];
        const auth = Hawk.client.header(`${server.url}/events`, "GET", { credentials: c.credentials! }).header;
        return openRawStream(server.port, auth);
      }),
    );
    sockets.push(...batch);
  }
  const openSecs = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2000)); // let the heap settle
  const rssWith = rssMb(pid);

  // The owner's live event after a guest join, with every stream open.
  const owner = new LoopClient(server.url);
  await owner.register();
  const room = await owner.post("/rooms", { roomOwner: "bench", maxSize: 5, context: { value: "Y2lwaGVydGV4dA==", alg: "AES-GCM", wrappedKey: "d3JhcHBlZA==" } });
  const token = room.body.roomToken as string;
  const feed = await openSse(`${server.url}/events`, {
    Authorization: Hawk.client.header(`${server.url}/events`, "GET", { credentials: owner.credentials! }).header,
  });
  const guest = new LoopClient(server.url);
  const latencies: number[] = [];
  for (let i = 0; i < EVENT_SAMPLES; i++) {
    const seen = feed.events.length;
    const start = performance.now();
    const j = await guest.post(`/rooms/${token}`, { action: "join", displayName: "g", clientMaxSize: 5 }, { auth: "none" });
    if (j.status !== 200) throw new Error(`join: ${j.status} ${j.text}`);
    await feed.until((es) => es.length > seen, 5000);
    latencies.push(performance.now() - start);
    const before = feed.events.length;
    await guest.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: j.body.sessionToken } });
    await feed.until((es) => es.length > before, 5000).catch(() => {});
  }
  feed.close();
  latencies.sort((a, b) => a - b);
  const rssAfter = rssMb(pid);
  for (const s of sockets) s.destroy();
  return {
    streams: sockets.length,
    "open s": +openSecs.toFixed(1),
    "RSS before MB": Math.round(rssBefore),
    "RSS with streams MB": Math.round(rssWith),
    "KB per stream": Math.round(((rssWith - rssBefore) * 1024) / sockets.length),
    "event p50 ms": +pctOf(latencies, 50).toFixed(1),
    "event p99 ms": +pctOf(latencies, 99).toFixed(1),
    "RSS after MB": Math.round(rssAfter),
  };
}

async function main() {
  // Rooms big enough that CONCURRENCY guests joining at once never find them full.
  const roomSize = CONCURRENCY + 2;
  const load0 = loadavg();
  // The bench measures throughput, not the abuse limits: one user creating thousands of rooms
  // from one address would otherwise be answered 429 (caps and limits of docs/limits.md).
  const server = await startServer(
    {
      LOG_LEVEL: "warn",
      ROOMS_MAX_SIZE: String(roomSize),
      ROOMS_MAX_PER_USER: "1000000",
      LIMIT_ROOM_CREATE_PER_USER: "1000000/60",
      LIMIT_ROOM_CREATE_PER_ADDRESS: "1000000/60",
      LIMIT_REGISTRATION_PER_ADDRESS: "1000000/60",
    },
    "bench",
  );
  const pid = server.pid;
  await new Promise((r) => setTimeout(r, 1000));
  const rssStart = rssMb(pid);
  const owner = new LoopClient(server.url);
  await owner.register();
  const room = await owner.post("/rooms", { roomName: "Bench", roomOwner: "bench", maxSize: roomSize });
  const token = room.body?.roomToken as string;
  const anon = new LoopClient(server.url);
  // The list is of an owner with 10 rooms (the POST /rooms row leaves the bench owner with thousands).
  const lister = new LoopClient(server.url);
  await lister.register();
  for (let i = 0; i < 10; i++) await lister.post("/rooms", { roomName: `L${i}`, roomOwner: "bench", maxSize: 5 });

  const scenarios: Scenario[] = [
    { name: "GET /__lbheartbeat__", run: async () => (await fetch(`${server.url}/__lbheartbeat__`)).status },
    { name: "POST /registration", run: async () => (await new LoopClient(server.url).post("/registration", {}, { auth: "none" })).status },
    { name: "POST /rooms", run: async (i) => (await owner.post("/rooms", { roomName: `R${i}`, roomOwner: "bench", maxSize: 5 })).status },
    { name: "GET /rooms/{token} public", run: async () => (await anon.get(`/rooms/${token}`, { auth: "none" })).status },
    { name: "GET /rooms/{token} owner (Hawk)", run: async () => (await owner.get(`/rooms/${token}`)).status },
    {
      name: "guest join + leave (2 requests)",
      run: async () => {
        const j = await anon.post(`/rooms/${token}`, { action: "join", displayName: "g", clientMaxSize: roomSize }, { auth: "none" });
        if (j.status !== 200) return j.status;
        return (await anon.post(`/rooms/${token}`, { action: "leave" }, { auth: { basic: j.body.sessionToken } })).status;
      },
    },
    { name: "GET /rooms list (Hawk, 10 rooms)", run: async () => (await lister.get("/rooms")).status },
  ];

  const rows = [];
  for (const s of scenarios) rows.push(await measure(pid, s));
  console.table(rows);
  console.log(`RSS: ${Math.round(rssStart)} MB at start, ${Math.round(rssMb(pid))} MB after the run`);
  if (STREAMS > 0) console.table([await streamsPart(server, pid)]);
  const load1 = loadavg();
  console.log(
    `database: ${process.env.LOOP_TEST_DB === "postgres" ? "PostgreSQL" : "SQLite"}, ${REQUESTS} requests per scenario after ${WARMUP} warm-up, ` +
      `${CONCURRENCY} concurrent, node ${process.version}; load average ${load0[0].toFixed(2)} at start, ${load1[0].toFixed(2)} at end (other sessions share the CPU)`,
  );
  await server.stop();
  // Address book: imports and CardDAV syncs under a heartbeat prober (BENCH_CONTACTS=0 skips).
  if (process.env.BENCH_CONTACTS !== "0") await (await import("./bench-contacts")).benchContacts();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
