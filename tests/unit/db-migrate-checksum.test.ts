import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { createTestDatabase } from "../support/test-db";

// A migration folder of the test's own, applied to a database of its own (SQLite, or
// PostgreSQL in the PostgreSQL run).
const root = mkdtempSync(join(tmpdir(), "loop-migrate-sum-"));
const folder = join(root, process.env.LOOP_TEST_DB === "postgres" ? "prisma/postgres/migrations" : "prisma/migrations");
const database = await createTestDatabase("migsum");
afterAll(async () => {
  await database.drop();
  rmSync(root, { recursive: true, force: true });
});

function write(name: string, sql: string) {
  mkdirSync(join(folder, name), { recursive: true });
  writeFileSync(join(folder, name, "migration.sql"), sql);
}

describe("migration runner", () => {
  it("refuses to run when an applied migration was edited, naming it, and applies nothing more", async () => {
    write("20260101000000_first", `CREATE TABLE "Thing" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    expect(await migrate(database.url, root)).toEqual(["20260101000000_first"]);
    expect(await migrate(database.url, root)).toEqual([]);

    write("20260101000000_first", `CREATE TABLE "Thing" ("id" INTEGER NOT NULL PRIMARY KEY, "extra" TEXT);`);
    write("20260102000000_second", `CREATE TABLE "Other" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    await expect(migrate(database.url, root)).rejects.toThrow(/migration 20260101000000_first was changed after it was applied/);

    // Restoring the applied migration lets the pending one through.
    write("20260101000000_first", `CREATE TABLE "Thing" ("id" INTEGER NOT NULL PRIMARY KEY);`);
    expect(await migrate(database.url, root)).toEqual(["20260102000000_second"]);
  });
});
