import { request as httpRequest } from "node:http";
/**
 * Address book benchmark (run by `npm run bench` after its API scenarios, or alone with
 * `npx tsx scripts/bench-contacts.ts`). Starts the production build (run `next build` first)
 * on a fresh database and a real Radicale, and measures, while a prober calls
 * `/__heartbeat__` every 20 ms (its latency shows how long the event loop stalls):
 *   - importing a 60 KB CSV file and a 60 KB vCard file (POST /contacts/import);
 *   - adding a 2,000-card CardDAV book (first sync), then a sync with nothing changed.
 * Bytes and requests per sync come from the server's `contacts.sync` log line.
 * Results: docs/performance.md.
 */
import { LoopClient } from "../tests/support/loop-client";
import { BookWriter, card, startRadicale } from "../tests/support/radicale";
import { startServer, type RunningServer } from "../tests/support/server";
import { signUp } from "../tests/support/web-user";

function pct(sorted: number[], p: number) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

/** Heartbeat latency while `work` runs. */
async function withProbe<T>(url: string, work: () => Promise<T>) {
  const samples: number[] = [];
  let stop = false;
  const probe = (async () => {
    while (!stop) {
      const t0 = performance.now();
      await fetch(`${url}/__heartbeat__`).then((r) => r.arrayBuffer());
      samples.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  stop = true;
  await probe;
  samples.sort((a, b) => a - b);
  return {
    result,
    ms: Math.round(ms),
    heartbeat: { n: samples.length, p50: +pct(samples, 50).toFixed(1), p95: +pct(samples, 95).toFixed(1), max: +(samples.at(-1) ?? NaN).toFixed(1) },
  };
}

function csv60k() {
  const rows = ["Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value"];
  for (let i = 0; rows.join("\n").length < 60 * 1024 - 200; i++) rows.push(`"Person ${i}, Jr",Person,${i},* Home,person${i}@csv.example`);
  return rows.join("\n");
}

function vcard60k() {
  const cards: string[] = [];
  for (let i = 0; cards.join("\r\n").length < 60 * 1024 - 400; i++) {
    // Folded lines as exporters write them (75 octets), a note to skip, a UID to match by.
    const note = `NOTE:${"Met at the conference, talked about video calls and address books. ".repeat(2)}`;
    const folded = note.match(/.{1,74}/g)!.join("\r\n ");
    cards.push(["BEGIN:VCARD", "VERSION:3.0", `UID:bench-${i}`, `FN:Card Person ${i}`, `N:${i};Card;;;`, `EMAIL;TYPE=INTERNET:card${i}@vcf.example`, folded, "END:VCARD"].join("\r\n"));
  }
  return cards.join("\r\n");
}

function lastSyncLog(server: RunningServer) {
  const lines = server.logs().split("\n").filter((l) => l.includes('"contacts.sync"'));
  return lines.length ? JSON.parse(lines[lines.length - 1]) : null;
}

export async function benchContacts() {
  const server = await startServer({ LOG_LEVEL: "info" }, "bench-contacts");
  const dav = await startRadicale();
  try {
    const client = new LoopClient(server.url);
    const user = await signUp(server.url);
    const auth = { auth: { cookie: user.cookie, origin: server.url } as const };
    const rows: Record<string, unknown>[] = [];
    // Warm up the routes (first requests compile and cache).
    await client.get("/contacts", auth);
    const warm = ["name,email", ...Array.from({ length: 60 }, (_, i) => `W${i},w${i}@warm.example`)].join("\n");
    await client.post("/contacts/import", { text: warm, name: "warm" }, auth);
    await client.post("/contacts/import", { text: warm.replace(/W/g, "V"), name: "warm" }, auth);

    // What the heartbeat costs on this machine with nothing else to do.
    const idle = await withProbe(server.url, () => new Promise((r) => setTimeout(r, 3000)));
    rows.push({ scenario: "idle (baseline)", "total ms": idle.ms, "heartbeat p50": idle.heartbeat.p50, "heartbeat p95": idle.heartbeat.p95, "heartbeat max": idle.heartbeat.max, probes: idle.heartbeat.n });

    const csv = csv60k();
    const a = await withProbe(server.url, () => client.post("/contacts/import", { text: csv, format: "csv", name: "bench.csv" }, auth));
    rows.push({ scenario: `import CSV ${(csv.length / 1024).toFixed(0)} KB (${a.result.body.added} rows)`, "total ms": a.ms, "heartbeat p50": a.heartbeat.p50, "heartbeat p95": a.heartbeat.p95, "heartbeat max": a.heartbeat.max, probes: a.heartbeat.n });

    const vcf = vcard60k();
    const b = await withProbe(server.url, () => client.post("/contacts/import", { text: vcf, format: "vcard", name: "bench.vcf" }, auth));
    rows.push({ scenario: `import vCard ${(vcf.length / 1024).toFixed(0)} KB (${b.result.body.added} cards)`, "total ms": b.ms, "heartbeat p50": b.heartbeat.p50, "heartbeat p95": b.heartbeat.p95, "heartbeat max": b.heartbeat.max, probes: b.heartbeat.n });

    const again = await withProbe(server.url, () => client.post("/contacts/import", { text: vcf, format: "vcard", name: "bench.vcf" }, auth));
    rows.push({ scenario: `re-import the same vCard (updated in place: ${again.result.body.updated} changed)`, "total ms": again.ms, "heartbeat p50": again.heartbeat.p50, "heartbeat p95": again.heartbeat.p95, "heartbeat max": again.heartbeat.max, probes: again.heartbeat.n });

    const n = Number(process.env.BENCH_CARDS ?? 10_000); // issue 15: a 10,000-card book
    const book = await BookWriter.create(dav, "big", "Big");
    const t0 = performance.now();
    const uids = Array.from({ length: n }, (_, i) => `big-${i}`);
    const cards = uids.map((uid, i) => card(uid, `Person ${i}`, `p${i}@big.example`, i % 3 === 0 ? [`TEL;TYPE=CELL:+33 6 ${String(10_000_000 + i).slice(-8).replace(/(..)(?=.)/g, "$1 ")}`] : []));
    // Over HTTP (one PUT of the book) Radicale needs minutes for 10,000 cards under load and
    // undici gives up after 300 s; a big book goes straight into its storage folder instead.
    if (n > 2000) book.writeFiles(uids, cards);
    else await book.putAll(cards);
    console.error(`(Radicale stored ${n} cards in ${Math.round(performance.now() - t0)} ms)`);
    // Radicale builds its item cache on the first listing; do it before we time our sync.
    // (node:http, not fetch: for 10,000 cards this can outlast fetch's 300 s header timeout under load.)
    await new Promise<void>((resolve, reject) => {
      const req = httpRequest(book.bookUrl, { method: "PROPFIND", headers: { Authorization: dav.auth, Depth: "1" } }, (res) => {
        res.resume();
        res.on("end", () => resolve());
      });
      req.on("error", reject);
      req.end();
    });

    const first = await withProbe(server.url, () =>
      client.post("/contacts/sources", { kind: "carddav", name: "Big", url: book.bookUrl, username: dav.username, password: dav.password }, auth),
    );
    const log1 = lastSyncLog(server);
    rows.push({ scenario: `CardDAV first sync, ${n} cards (added ${first.result.body.lastResult?.added})`, "total ms": first.ms, "heartbeat p50": first.heartbeat.p50, "heartbeat p95": first.heartbeat.p95, "heartbeat max": first.heartbeat.max, probes: first.heartbeat.n, requests: log1?.requests, "bytes in": log1?.bytesIn });

    const second = await withProbe(server.url, () => client.post(`/contacts/sources/${first.result.body.id}/sync`, {}, auth));
    const log2 = lastSyncLog(server);
    rows.push({ scenario: `CardDAV second sync, nothing changed (${JSON.stringify(second.result.body).slice(0, 40)})`, "total ms": second.ms, "heartbeat p50": second.heartbeat.p50, "heartbeat p95": second.heartbeat.p95, "heartbeat max": second.heartbeat.max, probes: second.heartbeat.n, requests: log2?.requests, "bytes in": log2?.bytesIn });

    console.table(rows);
    return rows;
  } finally {
    await dav.stop();
    await server.stop();
  }
}

if (process.argv[1]?.endsWith("bench-contacts.ts")) {
  benchContacts().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
