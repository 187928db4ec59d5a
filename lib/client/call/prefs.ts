/**
 * What this device remembers between visits: the display name and the chosen devices.
 * localStorage can be unavailable (privacy modes) or full: every access is best effort.
 */
export type Prefs = { displayName?: string; audioInput?: string; videoInput?: string; audioOutput?: string };

const KEY = "loop.prefs";

export function loadPrefs(): Prefs {
  try {
    const raw = localStorage.getItem(KEY);
    const v = raw ? JSON.parse(raw) : {};
    return v && typeof v === "object" ? (v as Prefs) : {};
  } catch {
    return {};
  }
}

export function savePrefs(patch: Prefs) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...loadPrefs(), ...patch }));
  } catch {
    /* not remembered; nothing else breaks */
  }
}

/** Display names as the server accepts them: trimmed, single-spaced, bounded. */
export const MAX_DISPLAY_NAME = 100;
export function cleanDisplayName(s: string) {
  return s.replace(/\s+/g, " ").trim().slice(0, MAX_DISPLAY_NAME);
}
