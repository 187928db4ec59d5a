// @ts-nocheck: this file is loaded by the Prisma 6.19.3 CLI of this folder, not by the app's
// TypeScript (whose `prisma/config` is Prisma 7, with different types).
//
// Config for `prisma migrate diff --from-schema-datamodel A --to-schema-datamodel B --script`,
// run by scripts/new-migration.mjs. Prisma 6's JS schema engine (engine: "js") needs a driver
// adapter, but a diff between two schema files never touches a database: the engine only asks
// PostgreSQL for its version. So the adapter here is a stub with no driver behind it. It answers
// that one question and refuses everything else with a clear error. Its output was checked
// byte for byte against the real v7 adapters (PrismaPg on PostgreSQL 15, PrismaBetterSqlite3).
//
// MIGRATE_PROVIDER selects the dialect: "sqlite" (default) or "postgres".
import { defineConfig } from "prisma/config";

const provider = process.env.MIGRATE_PROVIDER === "postgres" ? "postgres" : "sqlite";
const adapterName = provider === "postgres" ? "@prisma/adapter-pg" : "@prisma/adapter-better-sqlite3";

// ColumnTypeEnum of @prisma/driver-adapter-utils
const COL_BOOLEAN = 5, COL_INT32 = 0, COL_TEXT = 7;

function refuse(what: string): never {
  throw new Error(
    `tools/prisma-migrate: the schema engine asked for ${what}, but this tool has no database ` +
      `(it only diffs two schema files). Was a diff mode other than --from/--to-schema-datamodel used?`,
  );
}

const connection = {
  provider,
  adapterName,
  getConnectionInfo: () => ({ schemaName: undefined, supportsRelationJoins: true }),
  async queryRaw(query: { sql: string }) {
    if (provider === "postgres" && /\bversion\(\)/.test(query.sql)) {
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [COL_BOOLEAN, COL_TEXT, COL_INT32],
        rows: [[true, "PostgreSQL 15.0 (prisma-migrate stub)", 150000]],
      };
    }
    refuse(`a query (${query.sql})`);
  },
  executeRaw: async (query: { sql: string }) => refuse(`a statement (${query.sql})`),
  executeScript: async () => refuse("a script"),
  startTransaction: async () => refuse("a transaction"),
  dispose: async () => {},
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => ({
    provider,
    adapterName,
    connect: async () => connection,
    connectToShadowDb: async () => connection,
  }),
});
