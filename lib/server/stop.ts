import { disconnectDb } from "../db";
import { log } from "../log";
import { closeRedisConnections } from "../redis";

/** After the front door has stopped: close the database and every Redis connection. */
export async function stopServices() {
  const results = await Promise.allSettled([disconnectDb(), closeRedisConnections()]);
  for (const r of results) if (r.status === "rejected") log.warn("server.stop_failed", { error: String(r.reason) });
}
