import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_SECRETS } from "../support/test-db";

const dir = mkdtempSync(join(tmpdir(), "loop-migrate-cmd-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run() {
  return execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/db-migrate.ts"], {
    env: { ...process.env, ...TEST_SECRETS, DATA_DIR: dir, DATABASE_URL: `file:${join(dir, "loop.db")}`, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

describe("npm run db:migrate", () => {
  it("applies every migration to an empty database, then reports it up to date", async () => {
    expect(run()).toMatch(/^applied: \d{14}_init/);
    expect(run().trim()).toBe("database is up to date");
    const { default: Database } = await import("libsql");
    const conn = new Database(join(dir, "loop.db"), { readonly: true });
    const names = (conn.prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).all() as { migration_name: string }[]).map((r) => r.migration_name);
    const tables = (conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name);
    conn.close();
    expect(names.length).toBeGreaterThanOrEqual(1);
    expect(tables).toEqual(expect.arrayContaining(["Room", "Participant", "HawkSession", "Call", "CallUrl", "User"]));
  }, 60_000);
});
