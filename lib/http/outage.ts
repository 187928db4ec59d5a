/**
 * Is this error the storage being unreachable or overloaded (→ 503 / 201 with Retry-After,
 * contract §1) rather than a bug (→ 500)? Prisma connection-class codes, driver errors, and
 * SQLite's busy/full/I-O failures.
 */
const PRISMA_OUTAGE = new Set(["P1001", "P1002", "P1008", "P1011", "P1017", "P2024", "P2037"]);
const DRIVER_OUTAGE = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|SQLITE_(BUSY|FULL|IOERR|CANTOPEN|READONLY)|Can't reach database server|Connection terminated|too many clients|database system is (starting up|shutting down)/i;

export function isStorageOutage(err: unknown): boolean {
  for (let e = err as { code?: unknown; name?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === "string" && (PRISMA_OUTAGE.has(e.code) || DRIVER_OUTAGE.test(e.code))) return true;
    if (e.name === "PrismaClientInitializationError") return true;
    if (typeof e.message === "string" && DRIVER_OUTAGE.test(e.message)) return true;
    e = e.cause as typeof e;
  }
  return false;
}
