// The embedded driver through the Prisma 7 client, on a fresh SQLite file:
// 2000 sequential interactive transactions, then 2000 plain inserts, and the process's open
// file descriptors before and after (a leak of connections shows there).
// Run: npx tsx scripts/bench-sqlite-driver.mts   (figures in docs/performance.md)
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = process.env.ROOT ?? process.cwd();
const dir = mkdtempSync(join(tmpdir(), "loop-bench-driver-"));
process.env.DATABASE_URL = `file:${join(dir, "loop.db")}`;
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL = "warn";
const { migrate } = await import(`${root}/lib/db/migrate.ts`);
await migrate(process.env.DATABASE_URL);
const { db, disconnectDb } = await import(`${root}/lib/db.ts`);
const fds = () => readdirSync("/proc/self/fd").length;
const N = 2000;
const before = fds();
let t = Date.now();
for (let i = 0; i < N; i++) await db().$transaction(async (tx: any) => tx.feedback.create({ data: { happy: true } }));
const txPerSec = Math.round(N / ((Date.now() - t) / 1000));
t = Date.now();
for (let i = 0; i < N; i++) await db().feedback.create({ data: { happy: true } });
const insertsPerSec = Math.round(N / ((Date.now() - t) / 1000));
console.log(JSON.stringify({ txPerSec, insertsPerSec, fdsBefore: before, fdsAfter: fds(), load1: Number((await import("node:os")).loadavg()[0].toFixed(1)) }));
await disconnectDb();
rmSync(dir, { recursive: true, force: true });
