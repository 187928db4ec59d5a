import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { config } from "./config";
import { SerializedSqlite } from "./db/serialized-sqlite";
import { processState } from "./process-state";

/**
 * The single Prisma client. One schema, two generated clients (SQLite by default, PostgreSQL
 * when DATABASE_URL says so); both expose the same model API, typed here as the SQLite one.
 */
export type Db = SqliteClient;
export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

// One client per process, even if Next loads this module once per route bundle and again for
// instrumentation: SQLite correctness relies on a single connection.
const g = processState<{ client?: Db }>("db", () => ({}));

function create(): Db {
  const { url, dialect } = config().database;
  if (dialect === "postgresql") {
    const adapter = new PrismaPg({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
    return new PostgresClient({ adapter }) as unknown as Db;
  }
  const adapter = new SerializedSqlite(sqliteFile(url), { timestampFormat: "unixepoch-ms" });
  return new SqliteClient({ adapter });
}

export function sqliteFile(url: string) {
  return url.replace(/^file:/, "");
}

export function db(): Db {
  return (g.client ??= create());
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
  if (g.client) await g.client.$disconnect();
  g.client = undefined;
}
