import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A database of the test run's own: a fresh SQLite file by default, or a fresh PostgreSQL
 * database on the server named by TEST_PG_URL when LOOP_TEST_DB=postgres (created here,
 * dropped by `drop()`).
 */
export async function createTestDatabase(label: string): Promise<{ url: string; dataDir: string; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), `loop-${label}-`));
  if (process.env.LOOP_TEST_DB !== "postgres") {
    return {
      url: `file:${join(dataDir, "loop.db")}`,
      dataDir,
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const admin = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
  const name = `loop_${label.replace(/\W/g, "_").slice(0, 20)}_${randomBytes(4).toString("hex")}`.toLowerCase();
  const database = await createPgDatabase(admin, name);
  return {
    url: database.url,
    dataDir,
    drop: async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates the database `name` on the PostgreSQL server at `admin` (a connection URL); returns
 * its URL and drop(), which removes it even while connections to it are still open.
 */
export async function createPgDatabase(admin: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import("pg");
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE "${name}"`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const d = new Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await d.end();
    },
  };
}

/** Fixed secrets so test processes and the server under test agree. */
export const TEST_SECRETS = {
  LOOP_HMAC_SECRET: "test-hmac-secret-0123456789abcdef0123456789abcdef",
  LOOP_HAWK_ID_SECRET: "test-hawk-secret-0123456789abcdef0123456789abcdef",
  LOOP_TOKEN_SECRET: "test-token-secret-0123456789abcdef0123456789abcdef",
  NEXTAUTH_SECRET: "test-auth-secret-0123456789abcdef0123456789abcdef",
};
