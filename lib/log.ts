/**
 * Structured one-line JSON logs. Never pass passwords, Hawk keys or session tokens here:
 * `redact` strips the usual suspects as a second line of defence.
 */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|key|mac/i;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Secret-looking keys become "[redacted]", at any depth of plain objects and arrays. */
export function redact(fields: Record<string, unknown>, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEYS.test(k) && k !== "userMac" ? "[redacted]" : redactValue(v, depth + 1);
  return out;
}

function redactValue(v: unknown, depth: number): unknown {
  if (depth > 8) return isPlainObject(v) || Array.isArray(v) ? "[too deep]" : v;
  if (Array.isArray(v)) return v.map((x) => redactValue(x, depth + 1));
  return isPlainObject(v) ? redact(v, depth) : v;
}

function emit(level: Level, event: string, fields: Record<string, unknown> = {}) {
  const min = (process.env.LOG_LEVEL as Level | "silent" | undefined) ?? "info";
  if (order[level] < order[min]) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...redact(fields) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => emit("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => emit("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => emit("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => emit("error", event, fields),
};
