import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { log } from "../log";

/**
 * Applies the standard Prisma migration folders (prisma/migrations for SQLite,
 * prisma/postgres/migrations for PostgreSQL) and records them in `_prisma_migrations` as
 * Prisma does, so Prisma's own CLI reads the same history on a machine that can run it.
 * Runs at server start and as `npm run db:migrate`; safe to run concurrently (SQLite
 * IMMEDIATE transaction, PostgreSQL advisory lock).
 */

const ROOT = process.env.LOOP_ROOT ?? /*turbopackIgnore: true*/ process.cwd();

type Migration = { name: string; sql: string; checksum: string };

function readMigrations(dir: string): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * Refuses to go on when a migration already applied to this database has since been
 * edited (its stored checksum no longer matches the file): the database would silently
 * differ from what the migration folder describes.
 */
function checkApplied(applied: { migration_name: string; checksum: string }[], migrations: Migration[]) {
  const files = new Map(migrations.map((m) => [m.name, m.checksum]));
  for (const row of applied) {
    const now = files.get(row.migration_name);
    if (now !== undefined && now !== row.checksum) {
      throw new Error(
        `migration ${row.migration_name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… recorded, ${now.slice(0, 12)}… on disk); restore it and add a new migration instead`,
      );
    }
  }
}

const APPLIED = `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/** `root` (default: LOOP_ROOT or the working directory) holds the prisma/ folder. */
export async function migrate(url: string, root: string = ROOT): Promise<string[]> {
  return url.startsWith("file:") ? migrateSqlite(url.slice(5), root) : migratePostgres(url, root);
}

async function migrateSqlite(file: string, root: string): Promise<string[]> {
  // libsql: the better-sqlite3 API over libSQL's prebuilt native module (what the app uses).
  const { default: Database } = await import("libsql");
  mkdirSync(dirname(file), { recursive: true });
  const conn = new Database(file, { timeout: 10_000 });
  try {
    conn.pragma("journal_mode = WAL");
    conn.pragma("busy_timeout = 10000");
    conn.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const migrations = readMigrations(join(root, "prisma/migrations"));
    checkApplied(conn.prepare(APPLIED).all() as { migration_name: string; checksum: string }[], migrations);
    const applied: string[] = [];
    for (const m of migrations) {
      // Prisma rebuilds tables with foreign keys switched off; SQLite ignores that pragma
      // inside a transaction, so switch it off around the transaction and check the keys
      // before committing (otherwise a rebuild would cascade-delete child rows).
      conn.pragma("foreign_keys = OFF");
      const run = conn.transaction(() => {
        const done = conn
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .get(m.name);
        if (done) return false;
        conn.exec(m.sql);
        const broken = conn.pragma("foreign_key_check") as unknown[];
        if (broken.length) throw new Error(`migration ${m.name} leaves ${broken.length} broken foreign keys`);
        conn
          .prepare(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count, started_at)
             VALUES (?, ?, ?, ?, 1, ?)`,
          )
          .run(randomUUID(), m.checksum, Date.now(), m.name, Date.now());
        return true;
      });
      try {
        if (run.immediate()) applied.push(m.name);
      } finally {
        conn.pragma("foreign_keys = ON");
      }
    }
    return applied;
  } finally {
    conn.close();
  }
}

async function migratePostgres(url: string, root: string): Promise<string[]> {
  const { Client } = await import("pg");
  const conn = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await conn.connect();
  try {
    await conn.query("SELECT pg_advisory_lock(72707369)");
    await conn.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
      migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
    const migrations = readMigrations(join(root, "prisma/postgres/migrations"));
    checkApplied((await conn.query(APPLIED)).rows, migrations);
    const applied: string[] = [];
    for (const m of migrations) {
      const { rowCount } = await conn.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (rowCount) continue;
      await conn.query("BEGIN");
      try {
        await conn.query(m.sql);
        await conn.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await conn.query("COMMIT");
      } catch (e) {
        await conn.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await conn.query("SELECT pg_advisory_unlock(72707369)").catch(() => {});
    await conn.end();
  }
}

export async function migrateAndLog(url: string) {
  const applied = await migrate(url);
  if (applied.length) log.info("db.migrated", { applied });
  return applied;
}
