import { describe, expect, it } from "vitest";
import { db, dialect, sql } from "@/lib/db";
import { query } from "@/lib/db/sql";

// Statements on the driver (lib/db/sql.ts), beside Prisma on the same connection or pool.
const insertFeedback = query<never, [boolean, string]>("test_feedback_insert", `INSERT INTO "Feedback" ("happy", "description") VALUES ($1, $2)`);
const feedbackByDescription = query<{ id: number; happy: boolean | number; description: string }, [string]>(
  "test_feedback_by_description",
  `SELECT "id", "happy", "description" FROM "Feedback" WHERE "description" = $1`,
);

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

  it("a driver statement made while a Prisma transaction is open survives that transaction's rollback", async () => {
    let inside!: () => void;
    const txOpen = new Promise<void>((r) => (inside = r));
    const tx = db()
      .$transaction(async (t) => {
        await t.feedback.create({ data: { happy: true, description: "doomed (prisma)" } });
        inside();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("refused");
      })
      .catch((e: Error) => e.message);
    await txOpen;
    expect(await (await sql()).run(insertFeedback, false, "driver, outside")).toBe(1);
    expect(await tx).toBe("refused");
    const rows = await db().feedback.findMany({ where: { description: { in: ["doomed (prisma)", "driver, outside"] } }, select: { description: true } });
    expect(rows.map((r) => r.description)).toEqual(["driver, outside"]);
    const row = await (await sql()).one(feedbackByDescription, "driver, outside");
    expect(row && !!row.happy).toBe(false);
    expect(await (await sql()).one(feedbackByDescription, "no such row")).toBeUndefined();
  });

  it("a driver transaction is all or nothing, and a Prisma write made while it is open survives its rollback", async () => {
    let inside!: () => void;
    const txOpen = new Promise<void>((r) => (inside = r));
    const tx = (await sql())
      .transaction(async (t) => {
        await t.run(insertFeedback, true, "doomed (driver)");
        expect(await t.one(feedbackByDescription, "doomed (driver)")).toBeDefined();
        inside();
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("room full");
      })
      .catch((e: Error) => e.message);
    await txOpen;
    await db().feedback.create({ data: { happy: true, description: "prisma, outside" } });
    expect(await tx).toBe("room full");
    const ok = await (await sql()).transaction(async (t) => {
      await t.run(insertFeedback, true, "committed (driver)");
      return "done";
    });
    expect(ok).toBe("done");
    const rows = await db().feedback.findMany({
      where: { description: { in: ["doomed (driver)", "prisma, outside", "committed (driver)"] } },
      select: { description: true, happy: true },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { description: "prisma, outside", happy: true },
      { description: "committed (driver)", happy: true },
    ]);
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
