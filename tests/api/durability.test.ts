import { afterAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { createTestDatabase } from "../support/test-db";

/**
 * Acknowledged writes survive a restart and a SIGKILL (issue 2). Writes go through the public
 * API (POST /feedback answers 201 only after the row is committed); the server is killed with
 * SIGKILL while writes are still in flight; a new server on the same database must return
 * every acknowledged row.
 */
const servers: RunningServer[] = [];
let database: Awaited<ReturnType<typeof createTestDatabase>>;

afterAll(async () => {
  for (const s of servers) await s.kill().catch(() => {});
  await database?.drop();
});

async function countFeedback(url: string, ids: number[]) {
  // Read back through a fresh process's view of the database, not through the killed one.
  if (url.startsWith("file:")) {
    const { default: Database } = await import("libsql");
    const conn = new Database(url.slice(5), { readonly: true });
    const rows = conn.prepare(`SELECT id FROM "Feedback"`).all() as { id: number }[];
    conn.close();
    const have = new Set(rows.map((r) => r.id));
    return ids.filter((id) => have.has(id)).length;
  }
  const { Client } = await import("pg");
  const c = new Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query(`SELECT id FROM "Feedback" WHERE id = ANY($1::int[])`, [ids]);
  await c.end();
  return rows.length;
}

describe("durability", () => {
  it("keeps every acknowledged write across SIGKILL and restart", async () => {
    database = await createTestDatabase("durability");
    const first = await startServer({ LOG_LEVEL: "warn" }, "durability", { database });
    servers.push(first);

    const acked: number[] = [];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        try {
          const r = await fetch(`${first.url}/feedback`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ happy: true, description: "durable" }),
          });
          if (r.status === 201) acked.push((await r.json()).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = Array.from({ length: 4 }, writer);
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 20));
    await first.kill(); // mid-stream, writes in flight
    stop = true;
    await Promise.all(writers);

    expect(acked.length).toBeGreaterThanOrEqual(150);
    expect(await countFeedback(database.url, acked)).toBe(acked.length);

    // A restarted server serves on the same data (migrations are idempotent at start).
    const second = await startServer({ LOG_LEVEL: "warn" }, "durability", { database });
    servers.push(second);
    // Its first storage check also opens the pool: on a loaded machine that can pass the
    // heartbeat's 2 s budget once, as a load balancer's first probe would see; poll as it would.
    let hb = await fetch(`${second.url}/__heartbeat__`);
    for (const deadline = Date.now() + 20_000; hb.status !== 200 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 250));
      hb = await fetch(`${second.url}/__heartbeat__`);
    }
    expect(hb.status).toBe(200);
    const more = await fetch(`${second.url}/feedback`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ happy: false }),
    });
    expect(more.status).toBe(201);
    expect((await more.json()).id).toBeGreaterThan(Math.max(...acked));
    await second.stop();
  }, 90_000);
});
