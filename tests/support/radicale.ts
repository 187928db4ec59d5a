import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./server";

/**
 * A real CardDAV server for tests: Debian's Radicale on a free port, with a throwaway storage
 * folder and one htpasswd user. (Radicale 3.1 on Debian has neither passlib nor bcrypt, so the
 * htpasswd file holds the password as htpasswd -p writes it: plain.)
 */
/**
 * Whether Radicale and htpasswd (Debian's radicale and apache2-utils) are here. The README's
 * `npm test` must need nothing but Node, so without them the CardDAV suites are skipped, saying
 * why; in CI (`.ci/run` installs both) they always run, and a missing one fails them.
 */
export const hasRadicale =
  !!process.env.CI || ["radicale", "htpasswd"].every((cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0);
if (!hasRadicale) console.warn("radicale or htpasswd is not installed: skipping the CardDAV tests (apt-get install radicale apache2-utils)");

export type Radicale = {
  url: string;
  port: number;
  username: string;
  password: string;
  /** Authorization header value for the test user. */
  auth: string;
  /** Radicale's filesystem storage root (collection-root lives under it). */
  storage: string;
  stop: () => Promise<void>;
  logs: () => string;
};

export async function startRadicale(opts: { username?: string; password?: string; port?: number } = {}): Promise<Radicale> {
  const dir = mkdtempSync(join(tmpdir(), "loop-radicale-"));
  const port = opts.port ?? (await freePort());
  const username = opts.username ?? "alice";
  const password = opts.password ?? "s3cret-pw";
  const users = join(dir, "users");
  execFileSync("htpasswd", ["-b", "-c", "-p", users, username, password], { stdio: "ignore" });
  const configFile = join(dir, "config");
  writeFileSync(
    configFile,
    [
      "[server]",
      `hosts = 127.0.0.1:${port}`,
      "max_content_length = 100000000",
      "[auth]",
      "type = htpasswd",
      `htpasswd_filename = ${users}`,
      "htpasswd_encryption = plain",
      "delay = 0",
      "[rights]",
      "type = owner_only",
      "[storage]",
      `filesystem_folder = ${join(dir, "collections")}`,
      "[logging]",
      "level = warning",
      "mask_passwords = True",
      "",
    ].join("\n"),
  );
  let output = "";
  const child: ChildProcess = spawn("radicale", ["--config", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`radicale exited early:\n${output}`);
    try {
      const r = await fetch(`${url}/.web/`);
      if (r.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`radicale did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const exited = new Promise((r) => child.once("exit", r));
  return {
    url,
    port,
    username,
    password,
    auth: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
    storage: join(dir, "collections"),
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A vCard 3.0 text for tests. */
export function card(uid: string, name: string, email?: string, extra: string[] = []) {
  return [
    "BEGIN:VCARD",
    "VERSION:3.0",
    `UID:${uid}`,
    `FN:${name}`,
    `N:${name.split(" ").reverse().join(";")};;;`,
    ...(email ? [`EMAIL;TYPE=INTERNET:${email}`] : []),
    ...extra,
    "END:VCARD",
  ].join("\r\n");
}

/**
 * Writes the test's address book over CardDAV (WebDAV verbs as any client sends them):
 * MKCOL for the book, PUT per card, DELETE, and a PUT of the whole book (Radicale replaces
 * the collection's content with the cards of one body; used for big books).
 */
export class BookWriter {
  constructor(
    private readonly server: Radicale,
    readonly bookUrl: string,
  ) {}

  static async create(server: Radicale, book = "friends", displayName = "Friends") {
    const bookUrl = `${server.url}/${server.username}/${book}/`;
    const r = await fetch(bookUrl, {
      method: "MKCOL",
      headers: { Authorization: server.auth, "Content-Type": "application/xml; charset=utf-8" },
      body:
        `<?xml version="1.0" encoding="utf-8"?><d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav">` +
        `<d:set><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>` +
        `<d:displayname>${displayName}</d:displayname></d:prop></d:set></d:mkcol>`,
    });
    if (r.status !== 201) throw new Error(`MKCOL ${bookUrl}: ${r.status} ${await r.text()}`);
    return new BookWriter(server, bookUrl);
  }

  async put(uid: string, vcard: string) {
    const r = await fetch(`${this.bookUrl}${encodeURIComponent(uid)}.vcf`, {
      method: "PUT",
      headers: { Authorization: this.server.auth, "Content-Type": "text/vcard; charset=utf-8" },
      body: vcard,
    });
    if (r.status >= 300) throw new Error(`PUT ${uid}: ${r.status} ${await r.text()}`);
  }

  async remove(uid: string) {
    const r = await fetch(`${this.bookUrl}${encodeURIComponent(uid)}.vcf`, { method: "DELETE", headers: { Authorization: this.server.auth } });
    if (r.status >= 300) throw new Error(`DELETE ${uid}: ${r.status} ${await r.text()}`);
  }

  /**
   * Writes cards straight into Radicale's storage folder, one `<uid>.vcf` file each, as another
   * program sharing the folder would (Radicale notices on its next listing). For books too big
   * to upload in reasonable time on a loaded machine: Radicale needs minutes to take 10,000
   * cards over HTTP. `uids[i]` names `cards[i]`.
   */
  writeFiles(uids: string[], cards: string[]) {
    const path = decodeURIComponent(new URL(this.bookUrl).pathname).replace(/^\/+|\/+$/g, "");
    const folder = join(this.server.storage, "collection-root", ...path.split("/"));
    uids.forEach((uid, i) => writeFileSync(join(folder, `${uid}.vcf`), cards[i] + "\r\n"));
  }

  /** Replaces the whole book with these cards in one request. */
  async putAll(cards: string[]) {
    const r = await fetch(this.bookUrl, {
      method: "PUT",
      headers: { Authorization: this.server.auth, "Content-Type": "text/vcard; charset=utf-8" },
      body: cards.join("\r\n") + "\r\n",
    });
    if (r.status >= 300) throw new Error(`PUT book: ${r.status} ${await r.text()}`);
  }
}
