import { cooperative } from "./cooperative";

/**
 * A reader for the WebDAV multistatus answers a sync moves in bulk (sync-collection listings,
 * PROPFIND listings, addressbook-multiget): one response element at a time, giving the event
 * loop a turn every few milliseconds, so a 2,000-card listing or a multiget full of photos never
 * stalls the server (tsdav parses a whole answer into objects in one go; it stays in use for
 * discovery, whose answers are small). Namespace prefixes may be anything (d:, D:, none).
 */
export type DavEntry = {
  href: string;
  /** response-level status (sync-collection reports removed members as 404 here) */
  status: number | null;
  etag?: string;
  data?: string;
};

const P = "(?:[A-Za-z_][\\w.-]*:)?";
const RESPONSE = new RegExp(`<${P}response\\b[^>]*>([\\s\\S]*?)<\\/${P}response\\s*>`, "g");
const PROPSTAT = new RegExp(`<${P}propstat\\b[^>]*>([\\s\\S]*?)<\\/${P}propstat\\s*>`, "g");
const element = (name: string) => new RegExp(`<${P}${name}\\b[^>]*?(?:\\/>|>([\\s\\S]*?)<\\/${P}${name}\\s*>)`);
const HREF = element("href");
const STATUS = element("status");
const ETAG = element("getetag");
const ADDRESS_DATA = element("address-data");
const SYNC_TOKEN = new RegExp(`<${P}sync-token\\b[^>]*>([\\s\\S]*?)<\\/${P}sync-token\\s*>`, "g");

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Text content: CDATA sections kept as they are, entities decoded. */
export function xmlText(raw: string): string {
  let out = "";
  let i = 0;
  while (i < raw.length) {
    const cdata = raw.indexOf("<![CDATA[", i);
    const end = cdata < 0 ? raw.length : cdata;
    out += decodeEntities(raw.slice(i, end));
    if (cdata < 0) break;
    const close = raw.indexOf("]]>", cdata + 9);
    out += raw.slice(cdata + 9, close < 0 ? raw.length : close);
    i = close < 0 ? raw.length : close + 3;
  }
  return out;
}

function decodeEntities(s: string) {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

function statusCode(block: string): number | null {
  const m = STATUS.exec(block);
  const code = m?.[1] ? /\s(\d{3})\b/.exec(xmlText(m[1]))?.[1] : undefined;
  return code ? Number(code) : null;
}

/** The response elements of a multistatus body, read cooperatively. */
export async function* readMultistatus(xml: string): AsyncGenerator<DavEntry> {
  const maybeYield = cooperative();
  RESPONSE.lastIndex = 0;
  const re = new RegExp(RESPONSE.source, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const body = m[1];
    const href = HREF.exec(body)?.[1];
    if (href === undefined) continue;
    const entry: DavEntry = { href: xmlText(href).trim(), status: null };
    const propstats: string[] = [];
    const ps = new RegExp(PROPSTAT.source, "g");
    let p: RegExpExecArray | null;
    while ((p = ps.exec(body))) propstats.push(p[1]);
    // A status outside every propstat is the response's own (e.g. 404 for a removed member).
    const outside = propstats.length ? body.replace(new RegExp(PROPSTAT.source, "g"), "") : body;
    entry.status = statusCode(outside);
    for (const block of propstats) {
      const code = statusCode(block);
      if (code !== null && (code < 200 || code >= 300)) continue;
      const etag = ETAG.exec(block)?.[1];
      if (etag !== undefined) entry.etag = xmlText(etag).trim();
      const data = ADDRESS_DATA.exec(block)?.[1];
      if (data !== undefined) entry.data = xmlText(data);
    }
    yield entry;
    await maybeYield();
  }
}

/** The multistatus' new sync-token (the last one in the body: it follows the responses). */
export function syncTokenOf(xml: string): string | null {
  let last: string | null = null;
  const re = new RegExp(SYNC_TOKEN.source, "g");
  // Search from the end region first: the token follows the responses, and bodies can be large.
  const tail = xml.length > 8192 ? xml.slice(-8192) : xml;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tail))) last = xmlText(m[1]).trim();
  if (last === null && tail !== xml) {
    re.lastIndex = 0;
    while ((m = re.exec(xml))) last = xmlText(m[1]).trim();
  }
  return last;
}

export function xmlEscape(s: string) {
  return s.replace(/[<>&"']/g, (c) => `&${{ "<": "lt", ">": "gt", "&": "amp", '"': "quot", "'": "apos" }[c]};`);
}
