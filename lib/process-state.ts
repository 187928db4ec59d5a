/**
 * State shared by the whole process. Next may load a module once per route bundle and once
 * more for instrumentation (start-up); whatever must be one per process (the database and
 * Redis clients, the event bus, registries, in-process timers) lives here, under `key`,
 * created by `init` on first use.
 */
export function processState<T>(key: string, init: () => T): T {
  const g = globalThis as typeof globalThis & { __loopState?: Map<string, unknown> };
  const all = (g.__loopState ??= new Map());
  if (!all.has(key)) all.set(key, init());
  return all.get(key) as T;
}
