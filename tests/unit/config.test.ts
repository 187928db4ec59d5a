import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { config, resetConfigForTests } from "@/lib/config";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

describe("config", () => {
  it("fails with a message naming the bad variable", () => {
    process.env.PORT = "not-a-port";
    process.env.ICE_SERVERS = "{nope";
    resetConfigForTests();
    expect(() => config()).toThrow(/PORT/);
    expect(() => config()).toThrow(/ICE_SERVERS/);
  });

  it("names the missing half of the OpenTok pair", () => {
    process.env.OPENTOK_API_KEY = "123";
    resetConfigForTests();
    expect(() => config()).toThrow(/OPENTOK_API_SECRET/);
  });

  it("generates missing secrets once and keeps them in the data folder", () => {
    const dir = mkdtempSync(join(tmpdir(), "loop-cfg-"));
    for (const k of ["LOOP_HMAC_SECRET", "LOOP_HAWK_ID_SECRET", "LOOP_TOKEN_SECRET", "NEXTAUTH_SECRET"]) delete process.env[k];
    process.env.DATA_DIR = dir;
    resetConfigForTests();
    const first = config().secrets;
    expect(existsSync(join(dir, "secrets.json"))).toBe(true);
    expect(first.hmac).toMatch(/^[0-9a-f]{64}$/);
    resetConfigForTests();
    delete process.env.NEXTAUTH_SECRET;
    expect(config().secrets).toEqual(first);
    expect(JSON.parse(readFileSync(join(dir, "secrets.json"), "utf8")).hmac).toBe(first.hmac);
  });

  it("defaults: p2p, SQLite in the data folder, PUBLIC_URL from PORT", () => {
    delete process.env.DATABASE_URL;
    delete process.env.PUBLIC_URL;
    delete process.env.OPENTOK_API_KEY;
    process.env.PORT = "4567";
    resetConfigForTests();
    const c = config();
    expect(c.database.dialect).toBe("sqlite");
    expect(c.database.url).toMatch(/^file:.*loop\.db$/);
    expect(c.publicUrl).toBe("http://localhost:4567");
    expect(c.opentok).toBeUndefined();
  });
});
