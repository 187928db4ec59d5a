import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientAddress, normalise } from "@/lib/http/client-address";
import { API_PREFIXES } from "@/lib/http/api-paths";
import { contentSecurityPolicy, isApiPath } from "@/lib/http/csp";

describe("client address (TRUST_PROXY)", () => {
  it("with 0 trusted proxies: the peer, never X-Forwarded-For", () => {
    const h = new Headers({ "x-loop-peer": "192.0.2.7", "x-forwarded-for": "203.0.113.1" });
    expect(clientAddress(h, 0)).toBe("192.0.2.7");
    expect(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.1" }), 0)).toBe("unknown");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.1", "x-real-ip": "203.0.113.2" }, 0)).toBe("unknown");
  });

  it("with N proxies: N hops from the right of X-Forwarded-For + peer", () => {
    const h = new Headers({ "x-loop-peer": "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.1" });
    expect(clientAddress(h, 1)).toBe("10.0.0.1");
    expect(clientAddress(h, 2)).toBe("198.51.100.9");
    // More hops than entries: the leftmost there is.
    expect(clientAddress(new Headers({ "x-loop-peer": "10.0.0.2", "x-forwarded-for": "198.51.100.9" }), 5)).toBe("198.51.100.9");
    // A client cannot push the proxy's entry out by adding its own on the left.
    const spoof = new Headers({ "x-loop-peer": "10.0.0.2", "x-forwarded-for": "1.1.1.1, 2.2.2.2, 198.51.100.9" });
    expect(clientAddress(spoof, 1)).toBe("198.51.100.9");
  });

  it("normalises: IPv4-mapped to IPv4, IPv6 to its /64, junk to unknown", () => {
    expect(normalise("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalise("2001:db8:1:2:3:4:5:6")).toBe("2001:db8:1:2::/64");
    expect(normalise("2001:db8:1:2::9")).toBe("2001:db8:1:2::/64");
    expect(normalise("[2001:db8::1]")).toBe("2001:db8:0:0::/64");
    expect(normalise("not an address")).toBe("unknown");
  });
});

describe("CSP", () => {
  it("scripts only by nonce with strict-dynamic; no plugins, no framing", () => {
    const p = contentSecurityPolicy({ nonce: "abc", dev: false, https: true, connect: ["wss://*.opentok.com"], formAction: [] });
    expect(p).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(p).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(p).not.toMatch(/script-src[^;]*unsafe-eval/);
    expect(p).toContain("object-src 'none'");
    expect(p).toContain("frame-ancestors 'none'");
    expect(p).toContain("connect-src 'self' wss://*.opentok.com");
    expect(p).toContain("upgrade-insecure-requests");
  });

  it("the proxy's matcher leaves out exactly the API paths", () => {
    const proxy = readFileSync("proxy.ts", "utf8");
    const group = /\(\?:([a-z0-9|-]+)\)\(\?:\/\|\$\)/.exec(proxy)?.[1].split("|") ?? [];
    for (const p of API_PREFIXES) expect(group, p).toContain(p);
    const matcher = new RegExp(`^${/source:\s*"([^"]+)"/.exec(proxy.replace(/\n\s*/g, " "))![1].replace(/\\\\/g, "\\")}$`);
    for (const page of ["/", "/sign-in", "/dashboard/links", "/c/abc", "/abcdefghijklmnopqrstuv", "/callsabcdefghijklmnopq"]) {
      expect(matcher.test(page), page).toBe(true);
      expect(isApiPath(page), page).toBe(false);
    }
    for (const api of ["/rooms", "/rooms/x", "/v1/rooms", "/api/auth/csrf", "/__heartbeat__", "/events", "/_next/static/x.js"]) {
      expect(matcher.test(api), api).toBe(false);
    }
  });
});
