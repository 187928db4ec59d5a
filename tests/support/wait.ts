/**
 * The one poll-with-a-deadline helper of the tests (unit, API and e2e): calls `check` until it
 * returns something other than `false` or `null` without throwing, and returns that. On the
 * deadline it throws the check's last error, or "timed out waiting for <what>".
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<Exclude<T, false | null>> {
  const { timeoutMs = 5000, intervalMs = 20, what = "the condition" } = opts;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      const v = await check();
      if (v !== false && v !== null) return v as Exclude<T, false | null>;
    } catch (e) {
      failure = e;
    }
    if (Date.now() > deadline) throw failure ?? new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
