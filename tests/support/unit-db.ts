import { afterAll } from "vitest";
import { createTestDatabase, TEST_SECRETS } from "./test-db";

// Every unit-test file gets a fresh, migrated real database (SQLite, or PostgreSQL in the
// PostgreSQL run) before any project module reads the configuration.
const database = await createTestDatabase("unit");
Object.assign(process.env, TEST_SECRETS, {
  DATABASE_URL: database.url,
  DATA_DIR: database.dataDir,
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  PUBLIC_URL: "http://loop.test",
});
const { migrate } = await import("@/lib/db/migrate");
await migrate(database.url);

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
  await database.drop();
});
