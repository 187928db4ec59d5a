import { PrismaLibSql } from "@prisma/adapter-libsql";

/**
 * SQLite through libSQL (`@prisma/adapter-libsql`), chosen because its native part arrives as a
 * prebuilt npm package (`@libsql/linux-x64-gnu` and friends): a fresh `npm ci` compiles nothing.
 *
 * One unit of work at a time: the adapter holds one mutex for a whole interactive transaction
 * (from BEGIN to COMMIT/ROLLBACK) and takes the same mutex for every top-level statement. So a
 * plain write issued while another request's transaction is open waits for it, instead of
 * running inside it and being rolled back with it (tests/unit/db-serialization.test.ts).
 *
 * Durability: libSQL opens the file with `synchronous = FULL`; the migration runner switches
 * the file to WAL (persistent). A write is acknowledged only after COMMIT returned, so a
 * SIGKILL loses nothing acknowledged (tests/api/durability.test.ts). The busy timeout covers
 * the short moments another process (`npm run db:migrate`, an online backup) holds the lock.
 */
export class SerializedSqlite extends PrismaLibSql {
  constructor(file: string, options: { timestampFormat: "unixepoch-ms" | "iso8601" }) {
    super({ url: `file:${file}`, timeout: 10_000 }, options);
  }
}
