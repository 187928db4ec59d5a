/**
 * Splits chat text into plain text and web links, so the page can render links as <a> and
 * everything else as text: messages are never interpreted as HTML (ref §6).
 */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// http(s) URLs and bare "www." hosts; stops at whitespace and at characters that end prose.
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const TRAILING = new Set([...".,;:!?)]}'\"»"]);

/** Drops prose punctuation after a URL; a ")" stays when it closes a "(" inside the URL. */
function trimTrailing(url: string) {
  let s = url;
  while (s.length && TRAILING.has(s[s.length - 1])) {
    if (s.endsWith(")") && count(s, "(") >= count(s, ")")) break;
    s = s.slice(0, -1);
  }
  return s;
}

function count(s: string, ch: string) {
  return s.split(ch).length - 1;
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const raw = trimTrailing(m[0]);
    const start = m.index!;
    const href = raw.toLowerCase().startsWith("www.") ? `https://${raw}` : raw;
    if (!isSafeHref(href) || raw.length < 5) continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

function isSafeHref(href: string) {
  try {
    const u = new URL(href);
    return (u.protocol === "https:" || u.protocol === "http:") && !!u.hostname;
  } catch {
    return false;
  }
}
