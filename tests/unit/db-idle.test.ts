import { describe, expect, it } from "vitest";

// An idle server's timers and health checks never load Prisma's query compiler: it is
// WebAssembly (~27 MB resident once compiled, docs/performance.md "Idle memory"), and the
// sweepers' "anything due?" probes and the storage probe run on the driver instead
// (lib/db/statements.ts `due`, `storageProbe`). Seen here by counting WebAssembly compilations
// in this test's own process, from a fresh database client.

const compiled: string[] = [];
const W = WebAssembly as unknown as Record<string, unknown>;
for (const name of ["compile", "instantiate", "compileStreaming", "instantiateStreaming"] as const) {
  const original = W[name] as (...a: unknown[]) => unknown;
  W[name] = function (this: unknown, ...args: unknown[]) {
    compiled.push(name);
    return original.apply(this, args);
  };
}
W.Module = new Proxy(WebAssembly.Module, {
  construct(target, args) {
    compiled.push("Module");
    return Reflect.construct(target, args);
  },
});

describe("an idle server", () => {
  it("runs every background task and the health check without compiling Prisma's query compiler", async () => {
    const { db, disconnectDb } = await import("@/lib/db");
    const { backgroundTasks } = await import("@/lib/server-start");
    const { checkHealth } = await import("@/lib/health");
    await disconnectDb(); // a client of its own, as a server process has at start
    compiled.length = 0;

    for (let round = 0; round < 2; round++) for (const t of backgroundTasks) await t.run();
    const health = await checkHealth();
    expect(health.checks.storage).toBe(true);
    expect(compiled).toEqual([]);

    // The first Prisma query does compile it (the count above would have seen it).
    expect(await db().callUrl.count()).toBe(0);
    expect(compiled.length).toBeGreaterThan(0);
  });
});
