import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { createAccount, fetchAddressBooks, propfind, type DAVResponse } from "tsdav";
import { config } from "../config";
import { checkPushUrl, checkPushUrlShape, isAllowedHost, isInternalAddress } from "../push/url-policy";
import { readMultistatus, syncTokenOf, xmlEscape } from "./dav-xml";

/** Idle time allowed per CardDAV request (a big book's first listing can take a while). */
const REQUEST_TIMEOUT_MS = 120_000;

/**
 * The CardDAV side of a source. Discovery from a server URL or a direct address-book URL is
 * tsdav's (a maintained WebDAV/CardDAV client). The bulk transfer is ours, so its answers are
 * read cooperatively (dav-xml.ts): per book either an incremental `sync-collection` (RFC 6578,
 * from the last sync-token) or, where the server has none or forgets the token, a full listing
 * of hrefs + ETags; cards come with `addressbook-multiget` in batches. Every request goes through `guardedFetch`: the push-URL
 * rule with CARDDAV_ALLOWED_HOSTS, checked again on every connection and every redirect.
 */

export class CarddavError extends Error {
  constructor(
    message: string,
    readonly kind: "auth" | "unreachable" | "not-carddav" | "refused" | "bad-data",
  ) {
    super(message);
  }
}

export type Credentials = { username: string; password: string };
export type BookChanges = {
  /** hrefs (paths) with their new ETag */
  changed: { href: string; etag: string }[];
  deleted: string[];
  syncToken: string | null;
  /** true when this is the complete list of the book's cards (so anything else is gone) */
  complete: boolean;
};
export type RemoteCard = { href: string; etag: string; data: string };

const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Requests made and bytes received, for benchmarks and tests (an incremental sync moves little). */
export const transferStats = { requests: 0, bytesIn: 0 };
export const MULTIGET_BATCH = 100;

const allowList = () => config().contacts.carddavAllowedHosts;

/** The add-time check of a source URL (contract §10): 400 / 107 with this reason when refused. */
export async function checkSourceUrl(raw: string) {
  return checkPushUrl(raw, undefined, 2000, allowList());
}

/** Refuses to connect to an internal address unless the host is allow-listed (the address checked is the one used). */
function guardedLookup(
  hostname: string,
  options: { all?: boolean },
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) {
  dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const allowed = isAllowedHost(hostname.toLowerCase().replace(/\.$/, ""), allowList());
    if (!allowed && addresses.some((a) => isInternalAddress(a.address))) {
      return callback(Object.assign(new Error("CardDAV host resolves to an internal address"), { code: "ECARDDAVREFUSED" }), "", 0);
    }
    if (!addresses.length) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

function headersOf(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  new Headers(h).forEach((v, k) => (out[k] = v));
  return out;
}

function requestOnce(url: URL, init: RequestInit): Promise<{ status: number; statusText: string; headers: Headers; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const verdict = checkPushUrlShape(url.href, allowList());
    if (!verdict.ok) return reject(new CarddavError(`The address ${verdict.reason.replace(/^should/, "must")}.`, "refused"));
    const mod = url.protocol === "https:" ? https : http;
    const body = typeof init.body === "string" ? init.body : init.body == null ? undefined : String(init.body);
    const headers = headersOf(init.headers);
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    const req = mod.request(
      url,
      { method: init.method ?? "GET", headers, lookup: guardedLookup as never, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy(new CarddavError("The server's answer is too large.", "bad-data"));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => {
          transferStats.requests++;
          transferStats.bytesIn += size;
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) {
            if (v === undefined) continue;
            for (const one of Array.isArray(v) ? v : [v]) h.append(k, one);
          }
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: h, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })));
    req.on("error", reject);
    req.end(body);
  });
}

/** A `fetch` for tsdav over node:http with the URL guard, a timeout, a size cap and checked redirects. */
export const guardedFetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
  let url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
  for (let hops = 0; ; hops++) {
    const r = await requestOnce(url, init);
    const location = r.headers.get("location");
    if (r.status >= 300 && r.status < 400 && location && init.redirect !== "manual" && hops < 5) {
      url = new URL(location, url);
      continue;
    }
    const nullBody = r.status === 204 || r.status === 304 || r.status < 200;
    const res = new Response(nullBody ? null : new Uint8Array(r.body), {
      status: r.status < 200 || r.status > 599 ? 502 : r.status,
      statusText: r.statusText,
      headers: r.headers,
    });
    Object.defineProperty(res, "url", { value: url.href });
    return res;
  }
}) as typeof fetch;

/** Turns a network or protocol failure into words for `lastError`. */
export function describeFailure(e: unknown): CarddavError {
  if (e instanceof CarddavError) return e;
  const err = e as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = err?.code ?? err?.cause?.code;
  const message = String(err?.message ?? e);
  if (code === "ECARDDAVREFUSED") return new CarddavError("The address points to a private network, which is not allowed.", "refused");
  if (code === "ECONNREFUSED") return new CarddavError("Could not reach the server: the connection was refused.", "unreachable");
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new CarddavError("Could not reach the server: its name was not found.", "unreachable");
  if (code === "ETIMEDOUT") return new CarddavError("Could not reach the server: it did not answer in time.", "unreachable");
  if (code === "ECONNRESET" || code === "EPIPE") return new CarddavError("Could not reach the server: the connection was cut.", "unreachable");
  if (/CERT|SSL|TLS/i.test(String(code)) || /certificate/i.test(message)) {
    return new CarddavError("Could not reach the server: its certificate is not valid.", "unreachable");
  }
  if (/401|Invalid credentials/i.test(message)) return new CarddavError("The server refused the user name or password.", "auth");
  return new CarddavError(`The server did not answer as a CardDAV server (${message.slice(0, 120)}).`, "not-carddav");
}

function authHeaders(c: Credentials) {
  return { authorization: `Basic ${Buffer.from(`${c.username}:${c.password}`).toString("base64")}` };
}

const isAddressBook = (r: DAVResponse) => {
  const types = r.props?.resourcetype;
  return !!types && typeof types === "object" && "addressbook" in types;
};

/**
 * The address books behind a source URL: the URL itself when it is one, else what CardDAV
 * discovery (well-known, principal, home set) finds for this user.
 */
export async function resolveBooks(url: string, creds: Credentials): Promise<string[]> {
  const headers = authHeaders(creds);
  try {
    const [self] = await propfind({ url, props: { "d:resourcetype": {} }, depth: "0", headers, fetch: guardedFetch });
    if (self?.status === 401) throw new CarddavError("The server refused the user name or password.", "auth");
    if (self?.ok && isAddressBook(self)) return [url.endsWith("/") ? url : `${url}/`];
    const account = await createAccount({ account: { serverUrl: url, accountType: "carddav" }, headers, fetch: guardedFetch });
    const books = await fetchAddressBooks({ account, headers, fetch: guardedFetch });
    if (!books.length) throw new CarddavError("No CardDAV address book was found for this user at this address.", "not-carddav");
    return books.map((b) => b.url);
  } catch (e) {
    throw describeFailure(e);
  }
}

const pathOf = (href: string, base: string) => decodeURIComponent(new URL(href, base).pathname);

async function report(url: string, creds: Credentials, method: "REPORT" | "PROPFIND", depth: "0" | "1", body: string) {
  const res = await guardedFetch(url, {
    method,
    headers: { ...authHeaders(creds), "content-type": "application/xml; charset=utf-8", depth },
    body: `<?xml version="1.0" encoding="utf-8"?>${body}`,
  });
  return { status: res.status, text: await res.text() };
}

function failOn(status: number, what: string) {
  if (status === 401) throw new CarddavError("The server refused the user name or password.", "auth");
  if (status === 403) throw new CarddavError("The server does not let this user read the address book.", "auth");
  if (status === 404) throw new CarddavError("The address book is no longer at this address.", "not-carddav");
  if (status >= 500) throw new CarddavError(`The server failed (${status}) on ${what}.`, "unreachable");
  throw new CarddavError(`The server did not answer ${what} as a CardDAV server does (${status}).`, "not-carddav");
}

/**
 * What changed in a book since `syncToken` (everything when there is none): RFC 6578
 * sync-collection. Falls back to a full listing (PROPFIND Depth 1 of ETags) when the server
 * has no sync-collection or refuses the token (valid-sync-token).
 */
export async function listChanges(bookUrl: string, creds: Credentials, syncToken: string | null): Promise<BookChanges> {
  try {
    const r = await report(
      bookUrl,
      creds,
      "REPORT",
      "0",
      `<d:sync-collection xmlns:d="DAV:"><d:sync-token>${syncToken ? xmlEscape(syncToken) : ""}</d:sync-token>` +
        `<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>`,
    );
    if (r.status === 401) failOn(401, "the sync request");
    const token = r.status === 207 ? syncTokenOf(r.text) : null;
    if (r.status === 207 && token) {
      const changed: BookChanges["changed"] = [];
      const deleted: string[] = [];
      const bookPath = pathOf(bookUrl, bookUrl);
      for await (const e of readMultistatus(r.text)) {
        const href = pathOf(e.href, bookUrl);
        if (href === bookPath) continue;
        if (e.status === 404) deleted.push(href);
        else if (e.etag !== undefined) changed.push({ href, etag: e.etag });
      }
      return { changed, deleted, syncToken: token, complete: !syncToken };
    }
    if (r.status >= 500) failOn(r.status, "the sync request");
    // No sync-collection here, or the token is no longer valid: list everything.
    return await listAll(bookUrl, creds);
  } catch (e) {
    throw describeFailure(e);
  }
}

async function listAll(bookUrl: string, creds: Credentials): Promise<BookChanges> {
  const r = await report(bookUrl, creds, "PROPFIND", "1", `<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>`);
  if (r.status !== 207) failOn(r.status, "the listing");
  const bookPath = pathOf(bookUrl, bookUrl);
  const changed: BookChanges["changed"] = [];
  for await (const e of readMultistatus(r.text)) {
    const href = pathOf(e.href, bookUrl);
    if (href === bookPath || e.etag === undefined || (e.status !== null && e.status !== 200)) continue;
    changed.push({ href, etag: e.etag });
  }
  return { changed, deleted: [], syncToken: null, complete: true };
}

/** The cards at these hrefs: one `addressbook-multiget` per call (callers batch by MULTIGET_BATCH). */
export async function fetchCards(bookUrl: string, creds: Credentials, hrefs: string[]): Promise<RemoteCard[]> {
  if (!hrefs.length) return [];
  try {
    const base = new URL(bookUrl);
    const refs = hrefs.map((h) => `<d:href>${xmlEscape(new URL(h.split("/").map(encodeURIComponent).join("/"), base).pathname)}</d:href>`).join("");
    const r = await report(
      bookUrl,
      creds,
      "REPORT",
      "1",
      `<c:addressbook-multiget xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:prop><d:getetag/><c:address-data/></d:prop>${refs}</c:addressbook-multiget>`,
    );
    if (r.status !== 207) failOn(r.status, "the card request");
    const cards: RemoteCard[] = [];
    for await (const e of readMultistatus(r.text)) {
      if (e.data === undefined || (e.status !== null && e.status !== 200)) continue;
      cards.push({ href: pathOf(e.href, bookUrl), etag: e.etag ?? "", data: e.data });
    }
    return cards;
  } catch (e) {
    throw describeFailure(e);
  }
}
