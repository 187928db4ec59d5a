import type { Client, InStatement, ResultSet, Transaction, TransactionMode } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";

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

export class SerializedSqlite extends PrismaLibSql {
  constructor(file: string, options: { timestampFormat: "unixepoch-ms" | "iso8601" }) {
    super({ url: `file:${file}`, timeout: 10_000 }, options);
  }

  override createClient(config: Parameters<PrismaLibSql["createClient"]>[0]) {
    return new OneConnection(super.createClient(config)) as unknown as Client;
  }

  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    return adapter;
  }
}
