// Runs once when the server starts (inside `app.prepare()` of scripts/start.mjs, before it
// listens): check the configuration (a bad value rejects, so the process stops with the
// message), apply migrations, start the background sweepers, and hand the front door's
// TypeScript (compiled here by Next) to the Node server. Node runtime only.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server-start");
  await startServer();
  const { createFrontDoor } = await import("./lib/server/front-door");
  const { stopServices } = await import("./lib/server/stop");
  const { attachProgressSockets } = await import("./lib/calls/progress-socket");
  (globalThis as typeof globalThis & { __loopServer?: unknown }).__loopServer = { createFrontDoor, stopServices, attachProgressSockets };
}
