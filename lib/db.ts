import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { config } from "./config";
import { SerializedSqlite } from "./db/serialized-sqlite";
import { processState } from "./process-state";
import { PgEngine, type Query, type SqlEngine } from "./db/sql";

/**
 * The single Prisma client. One schema, two generated clients (SQLite by default, PostgreSQL
 * when DATABASE_URL says so); both expose the same model API, typed here as the SQLite one.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One client per process, even if Next loads this module once per route bundle and again for
// instrumentation: SQLite correctness relies on a single connection.
const g = processState<{ client?: Db; sqlite?: SerializedSqlite; engine?: SqlEngine }>("db", () => ({}));

function create(): Db {
  const { url, dialect } = config().database;
  if (dialect === "postgresql") {
    // One pool for Prisma and the hot-path statements (lib/db/sql.ts).
    const pool = new Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    g.engine = new PgEngine(pool);
    const adapter = new PrismaPg(pool, { disposeExternalPool: true });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new SerializedSqlite(sqliteFile(url), { timestampFormat: "unixepoch-ms" });
  g.sqlite = adapter;
  return new SqliteClient({ adapter });
}

export function sqliteFile(url: string) {
  return url.replace(/^file:/, "");
}

export function db(): Db {
  return (g.client ??= create());
}

/**
 * The hot-path statements (lib/db/sql.ts, lib/db/statements.ts) on the same connection or
 * pool as Prisma.
 */
export async function sql(): Promise<SqlEngine> {
  if (g.engine) return g.engine;
  const client = db();
  if (g.engine) return g.engine; // PostgreSQL: the pool needs no connect
  // SQLite: open the adapter's connection (the one Prisma will use too) without `$connect`,
  // which would load Prisma's query compiler for a process that may only ever run statements.
  const engine = await g.sqlite?.sqlEngine();
  if (!engine) throw new Error("database: the statement engine is not connected");
  if (g.client === client) g.engine = engine;
  return engine;
}

/** Whether a sweeper has anything to do: one driver probe (lib/db/statements.ts `due`). */
export async function isDue(q: Query<[number], { due: number }>, bound: number): Promise<boolean> {
  return (await (await sql()).one(q, bound)) !== undefined;
}

export function dialect() {
  return config().database.dialect;
}

/**
 * Lock a row for the rest of the transaction. PostgreSQL needs it (concurrent "count then
 * insert" transactions otherwise overfill a room); SQLite already runs one writer at a time.
 */
export async function lockRow(tx: Tx, table: "Room" | "Call" | "ContactSource", key: string) {
  if (dialect() !== "postgresql") return;
  const column = table === "Room" ? "token" : "id";
  await tx.$queryRawUnsafe(`SELECT 1 FROM "${table}" WHERE "${column}" = $1 FOR UPDATE`, key);
}

export async function disconnectDb() {
  const client = g.client;
  const sqlite = g.sqlite;
  g.client = undefined;
  g.engine = undefined;
  g.sqlite = undefined;
  if (client) await client.$disconnect();
  // Statements alone (Prisma never connected) leave the connection open to Prisma's eyes.
  await sqlite?.close();
}
