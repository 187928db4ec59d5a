import { describe, expect, it } from "vitest";
import { classifyPath, decodeSegment, matchRoute, routeTable } from "@/lib/server/route-table";

// The front door's own routing (lib/server/route-table.ts), from a manifest shaped like Next's.
const manifest = {
  "/(web)/[token]/page": "app/(web)/[token]/page.js",
  "/api/auth/[...nextauth]/route": "app/api/auth/[...nextauth]/route.js",
  "/api/locale/route": "app/api/locale/route.js",
  "/calls/[token]/route": "app/calls/[token]/route.js",
  "/calls/id/[callId]/progress/route": "app/calls/id/[callId]/progress/route.js",
  "/calls/id/[callId]/route": "app/calls/id/[callId]/route.js",
  "/calls/route": "app/calls/route.js",
  "/rooms/[token]/route": "app/rooms/[token]/route.js",
  "/rooms/route": "app/rooms/route.js",
  "/service/lbheartbeat/route": "app/service/lbheartbeat/route.js",
};
const table = routeTable(manifest);
const match = (segments: string[]) => matchRoute(table, segments);

describe("routeTable / matchRoute", () => {
  it("keeps only API routes and the web app's endpoints (not pages, not next-auth)", () => {
    expect(table.map((e) => e.pattern).sort()).toEqual(
      ["/api/locale", "/calls", "/calls/[token]", "/calls/id/[callId]", "/calls/id/[callId]/progress", "/rooms", "/rooms/[token]", "/service/lbheartbeat"].sort(),
    );
  });

  it("answers the web app's endpoints at the root only", () => {
    expect(match(["api", "locale"])?.entry.pattern).toBe("/api/locale");
    expect(matchRoute(table, ["api", "locale"], true)).toBeNull();
    expect(matchRoute(table, ["rooms"], true)?.entry.pattern).toBe("/rooms");
  });

  it("prefers static segments over parameters", () => {
    expect(match(["calls", "id", "abc"])).toMatchObject({ entry: { pattern: "/calls/id/[callId]" }, params: { callId: "abc" } });
    expect(match(["calls", "id"])).toMatchObject({ entry: { pattern: "/calls/[token]" }, params: { token: "id" } });
    expect(match(["calls", "id", "abc", "progress"])?.entry.pattern).toBe("/calls/id/[callId]/progress");
  });

  it("needs every segment to match, no more and no fewer", () => {
    expect(match(["rooms"])?.entry.pattern).toBe("/rooms");
    expect(match(["rooms", "x", "extra"])).toBeNull();
    expect(match(["nothing"])).toBeNull();
  });
});

describe("classifyPath", () => {
  it("strips /v0 and /v1 and maps the heartbeats", () => {
    expect(classifyPath("/v0/rooms/abc")).toEqual({ kind: "api", segments: ["rooms", "abc"], prefixed: true });
    expect(classifyPath("/v1/__lbheartbeat__")).toEqual({ kind: "api", segments: ["service", "lbheartbeat"], prefixed: true });
    expect(classifyPath("/rooms/")).toEqual({ kind: "api", segments: ["rooms"], prefixed: false });
    expect(classifyPath("/v0")).toEqual({ kind: "root", prefixed: true });
    expect(classifyPath("/")).toEqual({ kind: "root", prefixed: false });
  });

  it("sends pages to Next, but everything under a prefix is API", () => {
    expect(classifyPath("/dashboard")).toEqual({ kind: "page", prefixed: false });
    expect(classifyPath("/v0dashboard")).toEqual({ kind: "page", prefixed: false });
    expect(classifyPath("/v1/dashboard")).toEqual({ kind: "api", segments: ["dashboard"], prefixed: true });
  });

  it("answers /api/… itself, but leaves next-auth's /api/auth/… to Next", () => {
    expect(classifyPath("/api/locale")).toEqual({ kind: "api", segments: ["api", "locale"], prefixed: false });
    expect(classifyPath("/api/nothing")).toEqual({ kind: "api", segments: ["api", "nothing"], prefixed: false });
    expect(classifyPath("/api/auth/signin/github")).toEqual({ kind: "page", prefixed: false });
    expect(classifyPath("/api/%zz")).toEqual({ kind: "undecodable", api: true });
    expect(classifyPath("/api/auth/%zz")).toEqual({ kind: "undecodable", api: false });
    expect(classifyPath("/v1/api/locale")).toEqual({ kind: "api", segments: ["api", "locale"], prefixed: true });
  });

  it("refuses paths that do not decode, telling API paths from pages", () => {
    expect(classifyPath("/rooms/%zz")).toEqual({ kind: "undecodable", api: true });
    expect(classifyPath("/calls/id/%ED%A0%80")).toEqual({ kind: "undecodable", api: true });
    expect(classifyPath("/contacts/%C0%AF")).toEqual({ kind: "undecodable", api: true });
    expect(classifyPath("/%zz")).toEqual({ kind: "undecodable", api: false });
    expect(classifyPath("/v0/%zz")).toEqual({ kind: "undecodable", api: true });
  });

  it("decodes strictly: NUL and broken UTF-8 are refused, the rest decoded", () => {
    expect(decodeSegment("a%00b")).toBeNull();
    expect(decodeSegment("%E0%A4%A")).toBeNull();
    expect(decodeSegment("caf%C3%A9")).toBe("café");
    expect(decodeSegment("plain")).toBe("plain");
  });
});
