import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { config, resetConfigForTests } from "@/lib/config";
import { iceServersFor, turnCredential } from "@/lib/video/turn";

/** TURN credentials per participant (contract §5): the TURN REST API form coturn checks. */

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetConfigForTests();
});

/** The same HMAC computed by another implementation (OpenSSL), as coturn computes it. */
function opensslCredential(secret: string, username: string) {
  const mac = execFileSync("openssl", ["dgst", "-sha1", "-hmac", secret, "-binary"], { input: username });
  return mac.toString("base64");
}

describe("TURN credentials", () => {
  it("username is <expiry>:<participant id>, credential base64(HMAC-SHA1(secret, username))", () => {
    const c = turnCredential("a-long-shared-turn-secret", "3f1c-participant", 1_900_000_123.7);
    expect(c.username).toBe("1900000123:3f1c-participant");
    expect(c.credential).toBe(opensslCredential("a-long-shared-turn-secret", "1900000123:3f1c-participant"));
    expect(turnCredential("another-long-turn-secret", "3f1c-participant", 1_900_000_123).credential).not.toBe(c.credential);
  });

  it("each participant gets its own; ICE_SERVERS come first and are kept", () => {
    process.env.ICE_SERVERS = JSON.stringify([{ urls: "stun:stun.example.net:3478" }]);
    process.env.TURN_URLS = "turn:turn.example.net:3478?transport=udp, turns:turn.example.net:5349";
    process.env.TURN_SECRET = "a-long-shared-turn-secret";
    resetConfigForTests();
    const a = iceServersFor("alice-id", 2_000_000_000);
    const b = iceServersFor("bob-id", 2_000_000_000);
    expect(a[0]).toEqual({ urls: "stun:stun.example.net:3478" });
    expect(a[1]).toEqual({
      urls: ["turn:turn.example.net:3478?transport=udp", "turns:turn.example.net:5349"],
      username: "2000000000:alice-id",
      credential: opensslCredential("a-long-shared-turn-secret", "2000000000:alice-id"),
    });
    expect(b[1].username).toBe("2000000000:bob-id");
    expect(b[1].credential).not.toBe(a[1].credential);
  });

  it("without TURN settings, participants get ICE_SERVERS unchanged", () => {
    process.env.ICE_SERVERS = JSON.stringify([{ urls: "stun:stun.example.net:3478" }]);
    delete process.env.TURN_URLS;
    delete process.env.TURN_SECRET;
    resetConfigForTests();
    expect(iceServersFor("alice-id", 2_000_000_000)).toEqual([{ urls: "stun:stun.example.net:3478" }]);
  });

  it("a bad setting names the variable", () => {
    process.env.TURN_URLS = "turn:turn.example.net:3478";
    delete process.env.TURN_SECRET;
    resetConfigForTests();
    expect(() => config()).toThrow(/TURN_SECRET: TURN_URLS and TURN_SECRET must be set together/);

    process.env.TURN_URLS = "http://turn.example.net";
    process.env.TURN_SECRET = "a-long-shared-turn-secret";
    resetConfigForTests();
    expect(() => config()).toThrow(/TURN_URLS: must be comma-separated turn: or turns: URLs/);

    process.env.TURN_URLS = "turn:turn.example.net:3478";
    process.env.TURN_SECRET = "short";
    resetConfigForTests();
    expect(() => config()).toThrow(/TURN_SECRET: must be at least 16 characters/);

    process.env.TURN_SECRET = "a-long-shared-turn-secret";
    process.env.LOOP_INSTANCE = "has space";
    resetConfigForTests();
    expect(() => config()).toThrow(/LOOP_INSTANCE/);
  });
});
