import { describe, expect, it } from "vitest";
import { db, dialect } from "@/lib/db";

describe("database unit of work", () => {
  it("a write made while another request's transaction is open survives that transaction's rollback", async () => {
    let inside!: () => void;
    const txOpen = new Promise<void>((r) => (inside = r));
    const tx = db()
      .$transaction(async (t) => {
        await t.feedback.create({ data: { happy: true, description: "from the doomed transaction" } });
        inside();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("refused: room full");
      })
      .catch((e: Error) => e.message);

    await txOpen;
    // Another request writes, outside any transaction, while the first is still open.
    const other = await db().feedback.create({ data: { happy: false, description: "acknowledged elsewhere" } });
    expect(await tx).toBe("refused: room full");

    const rows = await db().feedback.findMany({ select: { id: true, description: true } });
    expect(rows.map((r) => r.description)).toEqual(["acknowledged elsewhere"]);
    expect(rows[0].id).toBe(other.id);
  });

  it("many transactions do not pile up connections (open file descriptors stay flat)", async () => {
    const { readdirSync, existsSync } = await import("node:fs");
    if (!existsSync("/proc/self/fd")) return; // Linux only
    const fds = () => readdirSync("/proc/self/fd").length;
    await db().feedback.count(); // the connection (or pool) is open
    const before = fds();
    for (let i = 0; i < 300; i++) {
      await db().$transaction(async (t) => t.feedback.create({ data: { happy: true, description: `tx ${i}` } }));
      await db().feedback.count();
    }
    expect(fds() - before).toBeLessThan(20);
    expect(await db().feedback.count({ where: { description: { startsWith: "tx " } } })).toBe(300);
  });

  it("runs on the dialect the run asked for", () => {
    expect(dialect()).toBe(process.env.LOOP_TEST_DB === "postgres" ? "postgresql" : "sqlite");
  });
});
