import type { NextConfig } from "next";
import { API_PREFIXES } from "./lib/http/api-paths";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

// A request for "/" that does not ask for HTML is a JSON client asking for server info.
const notHtml = [{ type: "header" as const, key: "accept", value: "(.*)text/html(.*)" }];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Pages load on first use instead of all at start: ~90 MB less resident memory when idle
  // (docs/performance.md). The front door loads API route modules at first use too.
  experimental: { preloadEntriesOnStart: false },
  // "/v1/" must answer itself, not redirect to "/v1".
  skipTrailingSlashRedirect: true,
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Parallel work in one tree type-checks its own files with tsc; `npm test` always checks all.
  typescript: { ignoreBuildErrors: process.env.LOOP_SKIP_TYPECHECK === "1" },
  serverExternalPackages: ["libsql", "@libsql/client", "@prisma/adapter-libsql", "pg", "@prisma/adapter-pg", "ioredis", "opentok", "@node-rs/argon2", "ws"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...SECURITY_HEADERS],
      },
    ];
  },
  async rewrites() {
    return {
      beforeFiles: [
        // Folders starting with "_" are private in the App Router: serve these by rewrite.
        { source: "/__heartbeat__", destination: "/service/heartbeat" },
        { source: "/__lbheartbeat__", destination: "/service/lbheartbeat" },
        { source: "/", missing: notHtml, destination: "/service/info" },
        // `npm run dev` only: in production the front door (lib/server/front-door.ts) owns /v0 and /v1.
        ...["v0", "v1"].flatMap((v) => [
          { source: `/${v}/__heartbeat__`, destination: "/service/heartbeat" },
          { source: `/${v}/__lbheartbeat__`, destination: "/service/lbheartbeat" },
          { source: `/${v}`, missing: notHtml, destination: "/service/info" },
          { source: `/${v}/`, missing: notHtml, destination: "/service/info" },
          { source: `/${v}`, destination: "/" },
          { source: `/${v}/`, destination: "/" },
          ...API_PREFIXES.flatMap((p) => [
            { source: `/${v}/${p}`, destination: `/${p}` },
            { source: `/${v}/${p}/:rest*`, destination: `/${p}/:rest*` },
          ]),
        ]),
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
