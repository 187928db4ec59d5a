// Generates both Prisma clients offline from the one schema (prisma/schema.prisma, SQLite):
// the PostgreSQL schema is derived by swapping provider and output, never edited by hand.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = readFileSync(join(root, "prisma/schema.prisma"), "utf8");
const pg = source
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/output\s*=\s*"[^"]*"/, 'output   = "../../generated/postgres"');
mkdirSync(join(root, "prisma/postgres"), { recursive: true });
writeFileSync(
  join(root, "prisma/postgres/schema.prisma"),
  "// GENERATED from ../schema.prisma by scripts/prisma-generate.mjs. Do not edit.\n" + pg,
);

// The Prisma 7 CLI would download a schema engine it does not need for `generate`.
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const bin = join(root, "node_modules/.bin/prisma");
for (const schema of ["prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
  execFileSync(bin, ["generate", "--schema", schema], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"] });
}
console.log("prisma: generated clients for sqlite and postgres");
