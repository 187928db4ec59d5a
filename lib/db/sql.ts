import type { Pool, PoolClient } from "pg";
import type Libsql from "libsql";

type Database = Libsql.Database;
type SqliteStatement = Libsql.Statement;

/**
 * Driver-level SQL for the hot paths (docs/architecture.md "Database: Prisma and the hot-path
 * statements"). Prisma stays the schema, the migrations and every other query; a handful of
 * statements that every request runs (Hawk session, room read, join, leave, registration) go
 * straight to the driver as prepared statements, because one Prisma round trip costs
 * 0.26–0.53 ms of CPU against ~0.01 ms for the same statement on the driver
 * (docs/performance.md).
 *
 * A statement is written once, in PostgreSQL's form (`$1`, `"Quoted"` identifiers); SQLite
 * reads `$n` as `?n`. Its type says its parameters and the row it returns. Statements live in
 * `lib/db/statements.ts`, never inline in domain code.
 */
export type Query<P extends unknown[], R> = {
  readonly name: string;
  readonly text: string;
  readonly sqliteText: string;
  /** Phantom: the parameter and row types. */
  readonly _types?: (p: P) => R;
};

export function query<R, P extends unknown[] = unknown[]>(name: string, text: string, sqlite?: string): Query<P, R> {
  return { name, text, sqliteText: (sqlite ?? text).replace(/\$(\d+)/g, "?$1") };
}

export type Param = string | number | boolean | null;

/** What a statement can run on: the database, or one open transaction. */
export interface Sql {
  /** The first row, or undefined. */
  one<P extends Param[], R>(q: Query<P, R>, ...params: P): Promise<R | undefined>;
  many<P extends Param[], R>(q: Query<P, R>, ...params: P): Promise<R[]>;
  /** Runs an INSERT/UPDATE/DELETE; the number of rows it changed. */
  run<P extends Param[]>(q: Query<P, unknown>, ...params: P): Promise<number>;
}

export interface SqlEngine extends Sql {
  /**
   * One transaction (SQLite: BEGIN IMMEDIATE, taking the write lock at once; PostgreSQL: READ
   * COMMITTED on one pooled connection, row locks by `FOR UPDATE` statements). The body must
   * not use Prisma: on SQLite it holds the connection's one lock.
   */
  transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T>;
}

/** The lock Prisma's libSQL adapter holds for each statement and each whole transaction. */
export type ConnectionLock = { isLocked(): boolean; acquire(): Promise<() => void> };

/**
 * SQLite: the very connection Prisma's adapter uses (lib/db/serialized-sqlite.ts), under the
 * adapter's own lock, so a statement here never lands inside another request's open Prisma
 * transaction (the lost-write bug of tests/unit/db-serialization.test.ts). libSQL runs
 * statements synchronously: a statement issued while the lock is free runs at once, before
 * anything else can take the lock.
 */
export class SqliteEngine implements SqlEngine {
  private readonly prepared = new Map<string, SqliteStatement>();

  constructor(
    private readonly conn: Database,
    private readonly lock: ConnectionLock,
  ) {}

  private statement(q: Query<never, unknown>): SqliteStatement {
    let s = this.prepared.get(q.name);
    if (!s) {
      s = this.conn.prepare(q.sqliteText);
      this.prepared.set(q.name, s);
    }
    return s;
  }

  private exec(kind: "one" | "many" | "run", q: Query<never, unknown>, params: Param[]): unknown {
    // libSQL's native binding aborts the process on a boolean or undefined: never pass one.
    const args = params.map((p) => {
      if (p === undefined) throw new TypeError(`${q.name}: undefined parameter`);
      return typeof p === "boolean" ? (p ? 1 : 0) : p;
    });
    const s = this.statement(q);
    if (kind === "run") return s.run(...args).changes;
    return kind === "one" ? (s.get(...args) ?? undefined) : s.all(...args);
  }

  /** Outside a transaction: at once when the connection is free, else after whoever holds it. */
  private async locked(kind: "one" | "many" | "run", q: Query<never, unknown>, params: Param[]): Promise<unknown> {
    if (!this.lock.isLocked()) return this.exec(kind, q, params);
    const release = await this.lock.acquire();
    try {
      return this.exec(kind, q, params);
    } finally {
      release();
    }
  }

  one<P extends Param[], R>(q: Query<P, R>, ...params: P) {
    return this.locked("one", q as Query<never, unknown>, params) as Promise<R | undefined>;
  }
  many<P extends Param[], R>(q: Query<P, R>, ...params: P) {
    return this.locked("many", q as Query<never, unknown>, params) as Promise<R[]>;
  }
  run<P extends Param[]>(q: Query<P, unknown>, ...params: P) {
    return this.locked("run", q as Query<never, unknown>, params) as Promise<number>;
  }

  async transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T> {
    const release = await this.lock.acquire();
    try {
      this.conn.exec("BEGIN IMMEDIATE");
      const tx: Sql = {
        one: async (q, ...params) => this.exec("one", q as Query<never, unknown>, params) as never,
        many: async (q, ...params) => this.exec("many", q as Query<never, unknown>, params) as never,
        run: async (q, ...params) => this.exec("run", q as Query<never, unknown>, params) as number,
      };
      try {
        const out = await body(tx);
        this.conn.exec("COMMIT");
        return out;
      } catch (e) {
        if (this.conn.inTransaction) this.conn.exec("ROLLBACK");
        throw e;
      }
    } finally {
      release();
    }
  }
}

/**
 * PostgreSQL: the pool Prisma's adapter uses (lib/db.ts), named statements (prepared once per
 * connection by node-postgres).
 */
export class PgEngine implements SqlEngine {
  constructor(private readonly pool: Pool) {}

  private static async exec(on: Pool | PoolClient, kind: "one" | "many" | "run", q: Query<never, unknown>, params: Param[]) {
    const r = await on.query({ name: q.name, text: q.text, values: params });
    if (kind === "run") return r.rowCount ?? 0;
    return kind === "one" ? r.rows[0] : r.rows;
  }

  one<P extends Param[], R>(q: Query<P, R>, ...params: P) {
    return PgEngine.exec(this.pool, "one", q as Query<never, unknown>, params) as Promise<R | undefined>;
  }
  many<P extends Param[], R>(q: Query<P, R>, ...params: P) {
    return PgEngine.exec(this.pool, "many", q as Query<never, unknown>, params) as Promise<R[]>;
  }
  run<P extends Param[]>(q: Query<P, unknown>, ...params: P) {
    return PgEngine.exec(this.pool, "run", q as Query<never, unknown>, params) as Promise<number>;
  }

  async transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      const tx: Sql = {
        one: (q, ...params) => PgEngine.exec(client, "one", q as Query<never, unknown>, params) as never,
        many: (q, ...params) => PgEngine.exec(client, "many", q as Query<never, unknown>, params) as never,
        run: (q, ...params) => PgEngine.exec(client, "run", q as Query<never, unknown>, params) as Promise<number>,
      };
      try {
        const out = await body(tx);
        await client.query("COMMIT");
        return out;
      } catch (e) {
        await client.query("ROLLBACK").catch((err: Error) => (broken = err));
        throw e;
      }
    } finally {
      client.release(broken);
    }
  }
}
