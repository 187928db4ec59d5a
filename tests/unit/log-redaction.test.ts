import { describe, expect, it } from "vitest";
import { redact } from "@/lib/log";

describe("log redaction", () => {
  it("redacts secret-looking keys at the top level and inside nested objects and arrays", () => {
    const when = new Date(0);
    const out = redact({
      password: "hunter2",
      userMac: "kept",
      room: { token: "abc", name: "Kitchen", owner: { sessionToken: "s", email: "a@example.com" } },
      headers: [{ authorization: "Bearer x", accept: "json" }],
      when,
      count: 3,
    });
    expect(out).toEqual({
      password: "[redacted]",
      userMac: "kept",
      room: { token: "[redacted]", name: "Kitchen", owner: { sessionToken: "[redacted]", email: "a@example.com" } },
      headers: [{ authorization: "[redacted]", accept: "json" }],
      when,
      count: 3,
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Bearer|"abc"|"s"/);
  });

  it("survives a cycle", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(() => JSON.stringify(redact({ a }))).not.toThrow();
  });
});
