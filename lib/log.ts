/**
 * Structured one-line JSON logs. Never pass passwords, Hawk keys or session tokens here:
 * `redact` strips the usual suspects as a second line of defence.
 */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const SECRET_KEYS = /pass(word)?|secret|token|authorization|cookie|key|mac/i;

function redact(fields: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_KEYS.test(k) && k !== "userMac" ? "[redacted]" : v;
  return out;
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
