import { describe, expect, it } from "vitest";
import { redact } from "@/lib/log";

describe("log redaction", () => {
  it("redacts secret-looking keys at the top level and inside nested objects and arrays", () => {
    const input = {
      password: "hunter2",
      userMac: "kept",
      room: { token: "abc", name: "Kitchen", owner: { sessionToken: "s", email: "a@example.com" } },
      headers: [{ authorization: "Bearer x", accept: "json" }],
      when: new Date(0),
      count: 3,
    };
    const out = redact(input);
    const R = "[redacted]";
    expect(out).toEqual({
      ...input,
      password: R,
      room: { ...input.room, token: R, owner: { ...input.room.owner, sessionToken: R } },
      headers: [{ ...input.headers[0], authorization: R }],
    });
    expect(out.when).toBe(input.when);
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Bearer|"abc"|"s"/);
  });

  it("survives a cycle", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(() => JSON.stringify(redact({ a }))).not.toThrow();
  });
});
