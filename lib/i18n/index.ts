import { en, type MessageKey } from "./en";

const catalogs: Record<string, Record<MessageKey, string>> = { en };

/** Looks up a string and fills `{name}` placeholders. */
export function t(key: MessageKey, vars?: Record<string, string | number>, lang = "en"): string {
  const s = (catalogs[lang] ?? en)[key] ?? key;
  return vars ? s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? `{${k}}`)) : s;
}

export type { MessageKey };
