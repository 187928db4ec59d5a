import { describe, expect, it } from "vitest";

process.env.PUSH_ALLOWED_HOSTS = "push.internal.test";
const { resetConfigForTests } = await import("@/lib/config");
resetConfigForTests();
const { checkOutboundUrl, checkPushUrlShape, ipv6Hextets, isInternalAddress } = await import("@/lib/push/url-policy");
const { safeCallbackUrl } = await import("@/lib/auth/callback-url");
const { jsonDepthExceeds, MAX_JSON_DEPTH } = await import("@/lib/http/handler");

describe("push-URL guard: every IPv6 form reaching internal space", () => {
  const refused = [
    "::7f00:1", // IPv4-compatible 127.0.0.1
    "::127.0.0.1",
    "::a00:1", // IPv4-compatible 10.0.0.1
    "::ffff:0:7f00:1", // SIIT 127.0.0.1
    "::ffff:0:127.0.0.1",
    "::ffff:0:a9fe:a9fe", // SIIT 169.254.169.254
    "64:ff9b::7f00:1", // NAT64 well-known
    "64:ff9b::8.8.8.8",
    "64:ff9b:1::a00:1", // NAT64 local-use /48
    "64:ff9b:1:ffff::1",
    "::ffff:7f00:1", // IPv4-mapped in hex
    "::ffff:192.168.1.1",
    "2002:7f00:1::1", // 6to4 of 127.0.0.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
    "0:0:0:0:0:0:0:1",
    "fe80::1%eth0",
    "febf::1",
    "fc00::1",
    "fdff:ffff::1",
    "ff02::1",
    "::",
  ];
  it.each(refused)("refuses %s", (a) => {
    expect(isInternalAddress(a)).toBe(true);
    expect(checkPushUrlShape(`https://[${a.replace(/%.*/, "")}]/push`).ok).toBe(false);
  });
  it.each(["2a00:1450:4001:80b::200e", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9a::1", "2001:4860::8888"])("accepts public %s", (a) => {
    expect(isInternalAddress(a)).toBe(false);
  });
  it("parses every textual form to the same hextets", () => {
    expect(ipv6Hextets("::ffff:0:127.0.0.1")).toEqual([0, 0, 0, 0, 0xffff, 0, 0x7f00, 1]);
    expect(ipv6Hextets("[::7f00:1]")).toEqual([0, 0, 0, 0, 0, 0, 0x7f00, 1]);
    expect(ipv6Hextets("not-an-address")).toBeNull();
  });
  it("takes an allow-list of hosts (as CardDAV uses it)", async () => {
    const noDns = async () => [];
    expect((await checkOutboundUrl("http://dav.local.test/x", ["dav.local.test"], { resolve: noDns })).ok).toBe(true);
    expect((await checkOutboundUrl("http://dav.local.test/x", [], { resolve: noDns })).ok).toBe(false);
    const inward = async () => [{ address: "::ffff:0:a00:1", family: 6 }];
    expect((await checkOutboundUrl("https://dav.example.com/x", [], { resolve: inward })).ok).toBe(false);
    expect((await checkOutboundUrl("https://[64:ff9b:1::a00:1]/x", [])).ok).toBe(false);
  });
});

describe("sign-in callbackUrl never leaves the origin", () => {
  it.each([
    "/\t/evil.com",
    "/%09/evil.com".replace("%09", "\t"),
    "//evil.com",
    "/\\evil.com",
    "/\\/evil.com",
    "https://evil.com/",
    "http:evil.com",
    "/\n/evil.com",
    "/\r\n/evil.com",
    " //evil.com",
    "javascript:alert(1)",
    "\\\\evil.com",
  ])("%j falls back to the dashboard", (raw) => {
    const out = safeCallbackUrl(raw);
    expect(out).toBe("/dashboard");
    expect(new URL(out, "https://loop.example").origin).toBe("https://loop.example");
  });
  it("keeps same-site paths with query and fragment", () => {
    expect(safeCallbackUrl("/dashboard/links?x=1#y")).toBe("/dashboard/links?x=1#y");
    expect(safeCallbackUrl("/abcdefghijklmnopqrstuv")).toBe("/abcdefghijklmnopqrstuv");
  });
});

describe("JSON depth", () => {
  it("counts nesting in one pass, ignoring brackets in strings", () => {
    expect(jsonDepthExceeds("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(JSON.stringify({ a: "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"" }))).toBe(false);
    expect(jsonDepthExceeds('{"a":' .repeat(25_000) + "1" + "}".repeat(25_000))).toBe(true);
  });
});
