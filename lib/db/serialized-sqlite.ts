import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { Sqlite3Client } from "@libsql/client/sqlite3";
import { PrismaLibSql } from "@prisma/adapter-libsql";
import Database from "libsql";
import { SqliteEngine, type ConnectionLock } from "./sql";

/**
 * SQLite through libSQL (`@prisma/adapter-libsql`), chosen because its native part arrives as a
 * prebuilt npm package (`@libsql/linux-x64-gnu` and friends): a fresh `npm ci` compiles nothing.
 *
 * One connection, one unit of work at a time. The adapter already holds one mutex for a whole
 * interactive transaction (BEGIN to COMMIT/ROLLBACK) and takes the same mutex for every
 * top-level statement, so a plain write issued while another request's transaction is open
 * waits for it instead of running inside it and being rolled back with it
 * (tests/unit/db-serialization.test.ts). The libSQL client, though, moves each transaction to
 * a connection of its own and opens a fresh one for what follows, never closing the old one
 * (two file descriptors per transaction until garbage collection) and losing per-connection
 * settings. Since the mutex already serialises everything, transactions here run on the one
 * connection as BEGIN … COMMIT.
 *
 * Durability: WAL with `synchronous = NORMAL` (what better-sqlite3 used before): a commit is in
 * the WAL file, in the kernel's hands, before it is acknowledged, so killing the process
 * (SIGKILL) loses nothing acknowledged (tests/api/durability.test.ts); only a power loss could
 * take the last commits. The busy timeout covers the short moments another process
 * (`npm run db:migrate`, an online backup) holds the write lock.
 */
class OneConnection {
  constructor(private readonly c: Client) {}

  get closed() {
    return this.c.closed;
  }
  get protocol() {
    return this.c.protocol;
  }

  execute(stmt: InStatement): Promise<ResultSet> {
    return this.c.execute(stmt);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.c.executeMultiple(sql);
  }

  async transaction(mode: TransactionMode = "deferred"): Promise<Transaction> {
    const c = this.c;
    await c.execute(mode === "deferred" || mode === "read" ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
    let open = true;
    const end = async (sql: "COMMIT" | "ROLLBACK") => {
      if (!open) return;
      open = false;
      try {
        await c.execute(sql);
      } catch (e) {
        // A failed COMMIT (busy) leaves the transaction open: end it, then report the failure.
        if (sql === "COMMIT") await c.execute("ROLLBACK").catch(() => {});
        throw e;
      }
    };
    return {
      execute: (stmt: InStatement) => c.execute(stmt),
      batch: async (stmts: InStatement[]) => {
        const out: ResultSet[] = [];
        for (const s of stmts) out.push(await c.execute(s));
        return out;
      },
      executeMultiple: (sql: string) => c.executeMultiple(sql),
      commit: () => end("COMMIT"),
      rollback: () => end("ROLLBACK"),
      close: () => void end("ROLLBACK").catch(() => {}),
      get closed() {
        return !open;
      },
    } as Transaction;
  }

  close() {
    this.c.close();
  }
}

/**
 * The hot-path statements (lib/db/sql.ts) run on this same connection, under the adapter's
 * lock: the adapter keeps it in a symbol-keyed field, found here by its shape at connect time
 * (a start-up error, not a silent race, if a Prisma upgrade changes that).
 */
function adapterLock(adapter: object): ConnectionLock {
  for (const key of Object.getOwnPropertySymbols(adapter)) {
    const v = (adapter as Record<symbol, unknown>)[key] as Partial<ConnectionLock> | undefined;
    if (v && typeof v.acquire === "function" && typeof v.isLocked === "function") return v as ConnectionLock;
  }
  throw new Error("@prisma/adapter-libsql: no connection lock found (adapter changed?)");
}

export class SerializedSqlite extends PrismaLibSql {
  private database?: Database.Database;
  private connection?: Promise<{ adapter: Awaited<ReturnType<PrismaLibSql["connect"]>>; engine: SqliteEngine }>;

  constructor(
    private readonly file: string,
    options: { timestampFormat: "unixepoch-ms" | "iso8601" },
  ) {
    super({ url: `file:${file}`, timeout: 10_000 }, options);
  }

  override createClient(config: Parameters<PrismaLibSql["createClient"]>[0]) {
    // The main database: open the libSQL connection here (as @libsql/client's own
    // createClient does) to keep a handle on it for the prepared statements.
    if (config.url !== `file:${this.file}`) return new OneConnection(super.createClient(config)) as unknown as Client;
    const options = { timeout: config.timeout };
    const database = new Database(this.file, options);
    this.database = database;
    return new OneConnection(new Sqlite3Client(this.file, options, database, "number")) as unknown as Client;
  }

  /**
   * One connection for the factory's life, whoever asks first: Prisma (its first query or
   * `$connect`) or the statement engine (`sqlEngine()`, which does not need Prisma's query
   * compiler loaded). Prisma disposing the adapter ends it; lib/db.ts then makes a new factory.
   */
  override connect() {
    this.connection ??= (async () => {
      const adapter = await super.connect();
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
      return { adapter, engine: new SqliteEngine(this.database!, adapterLock(adapter)) };
    })();
    this.connection.catch(() => (this.connection = undefined));
    return this.connection.then((c) => c.adapter);
  }

  /** The statement engine on Prisma's connection, connecting it if nobody has yet. */
  async sqlEngine(): Promise<SqliteEngine> {
    await this.connect();
    return (await this.connection!).engine;
  }

  /** Closes the connection if it was opened (Prisma's `$disconnect` closes it too: closing twice is harmless). */
  async close() {
    const c = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    await c?.adapter.dispose();
  }
}
