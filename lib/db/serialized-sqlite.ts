import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

/**
 * SQLite through one better-sqlite3 connection. The Prisma adapter serialises transactions
 * among themselves, but a plain query issued while an interactive transaction is open runs on
 * the same connection and so *inside* that transaction: if the transaction then rolls back
 * (a join refused because the room is full), another request's acknowledged write would be
 * rolled back with it. This factory makes top-level queries wait while a transaction is open,
 * so every statement belongs to exactly the unit of work that issued it.
 */
type Adapter = Awaited<ReturnType<PrismaBetterSqlite3["connect"]>>;
type Tx = Awaited<ReturnType<Adapter["startTransaction"]>>;

function createLock() {
  let tail: Promise<void> = Promise.resolve();
  return async (): Promise<() => void> => {
    let release!: () => void;
    const next = new Promise<void>((r) => (release = r));
    const prev = tail;
    tail = prev.then(() => next);
    await prev;
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  };
}

function bindAll<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(t, prop) {
      if (prop in overrides) return overrides[prop as keyof T];
      const v = Reflect.get(t, prop, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
}

function serialize(adapter: Adapter): Adapter {
  const lock = createLock();
  const exclusive =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const release = await lock();
      try {
        return await fn(...a);
      } finally {
        release();
      }
    };
  return bindAll(adapter, {
    queryRaw: exclusive(adapter.queryRaw.bind(adapter)),
    executeRaw: exclusive(adapter.executeRaw.bind(adapter)),
    executeScript: exclusive(adapter.executeScript.bind(adapter)),
    startTransaction: async (...args: Parameters<Adapter["startTransaction"]>) => {
      const release = await lock();
      let tx: Tx;
      try {
        tx = await adapter.startTransaction(...args);
      } catch (e) {
        release();
        throw e;
      }
      return bindAll(tx, {
        commit: async () => {
          try {
            return await tx.commit();
          } finally {
            release();
          }
        },
        rollback: async () => {
          try {
            return await tx.rollback();
          } finally {
            release();
          }
        },
      });
    },
  });
}

export class SerializedSqlite extends PrismaBetterSqlite3 {
  override async connect() {
    return serialize(await super.connect());
  }
}
