import { chmodSync, existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";
import { createTestDatabase } from "../support/test-db";

/**
 * Private files stay private on every start (issue 11): whatever mode an earlier version or a
 * loose umask left, the data folder is 0700 and the database and secrets are 0600.
 */
let server: RunningServer | undefined;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const mode = (p: string) => statSync(p).mode & 0o777;
let secrets = "";
let sqlite: string | null = null;

// Loose modes first, as an older version or a 022 umask would have left them; then a start.
beforeAll(async () => {
  database = await createTestDatabase("modes");
  const dir = database.dataDir;
  chmodSync(dir, 0o755);
  secrets = join(dir, "secrets.json");
  writeFileSync(secrets, "{}", { mode: 0o644 });
    chmodSync(secrets, 0o644);
    sqlite = database.url.startsWith("file:") ? database.url.slice(5) : null;
    if (sqlite) {
      writeFileSync(sqlite, "");
      chmodSync(sqlite, 0o644);
    }
    expect(mode(dir)).toBe(0o755);

    server = await startServer({}, "modes", { database });
});

describe("file modes", () => {
  it("DATA_DIR 0700, database and secrets 0600 after a start, even if they were world-readable", async () => {
    const dir = database!.dataDir;
    const r = await fetch(`${server!.url}/__heartbeat__`);
    expect(r.status).toBe(200);

    expect(mode(dir)).toBe(0o700);
    expect(mode(secrets)).toBe(0o600);
    if (sqlite) {
      expect(mode(sqlite)).toBe(0o600);
      for (const extra of [`${sqlite}-wal`, `${sqlite}-shm`]) if (existsSync(extra)) expect(mode(extra), extra).toBe(0o600);
    }
  });
});
