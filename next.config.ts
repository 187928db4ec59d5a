import type { NextConfig } from "next";
import { API_PREFIXES } from "./lib/http/api-paths";

// A request for "/" that does not ask for HTML is a JSON client asking for server info.
const notHtml = [{ type: "header" as const, key: "accept", value: "(.*)text/html(.*)" }];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // "/v1/" must answer itself, not redirect to "/v1".
  skipTrailingSlashRedirect: true,
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Parallel work in one tree type-checks its own files with tsc; `npm test` always checks all.
  typescript: { ignoreBuildErrors: process.env.LOOP_SKIP_TYPECHECK === "1" },
  serverExternalPackages: ["libsql", "@libsql/client", "@prisma/adapter-libsql", "pg", "@prisma/adapter-pg", "ioredis", "opentok", "@node-rs/argon2"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Room and call links are capabilities: never leak the path to other sites.
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(self), microphone=(self), display-capture=(self), geolocation=()" },
        ],
      },
    ];
  },
  async rewrites() {
    return {
      beforeFiles: [
        // Folders starting with "_" are private in the App Router: serve these by rewrite.
        { source: "/__heartbeat__", destination: "/service/heartbeat" },
        { source: "/__lbheartbeat__", destination: "/service/lbheartbeat" },
        { source: "/v1/__heartbeat__", destination: "/service/heartbeat" },
        { source: "/v1/__lbheartbeat__", destination: "/service/lbheartbeat" },
        { source: "/", missing: notHtml, destination: "/service/info" },
        { source: "/v1", missing: notHtml, destination: "/service/info" },
        { source: "/v1/", missing: notHtml, destination: "/service/info" },
        { source: "/v1", destination: "/" },
        { source: "/v1/", destination: "/" },
        ...API_PREFIXES.flatMap((p) => [
          { source: `/v1/${p}`, destination: `/${p}` },
          { source: `/v1/${p}/:rest*`, destination: `/${p}/:rest*` },
        ]),
      ],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default nextConfig;
