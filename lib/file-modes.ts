import { chmodSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "./config";
import { log } from "./log";

/**
 * Private files stay private on every start, whatever the umask or an earlier version left:
 * the data folder 0700, the SQLite database (with its WAL and journal files) and the generated
 * secrets 0600. New files this process creates get the same through a 077 umask.
 */
export function securePrivateFiles(c: Pick<Config, "dataDir" | "database">) {
  try {
    process.umask(0o077);
  } catch {
    /* not allowed in workers: the explicit chmods below still apply */
  }
  mkdirSync(c.dataDir, { recursive: true, mode: 0o700 });
  const files = [join(c.dataDir, "secrets.json")];
  if (c.database.dialect === "sqlite") {
    const db = sqliteFile(c.database.url);
    files.push(db, `${db}-wal`, `${db}-shm`, `${db}-journal`);
  }
  const fixed: string[] = [];
  for (const [path, mode] of [[c.dataDir, 0o700] as const, ...files.map((f) => [f, 0o600] as const)]) {
    if (!existsSync(path)) continue;
    try {
      chmodSync(path, mode);
      fixed.push(path);
    } catch (e) {
      log.warn("files.chmod_failed", { path, error: (e as Error).message });
    }
  }
  return fixed;
}

function sqliteFile(url: string) {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
