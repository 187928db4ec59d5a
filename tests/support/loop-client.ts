import { hkdfSync } from "node:crypto";
import Hawk from "@hapi/hawk";

/**
 * A Loop API client as the original desktop client behaves: registers without credentials,
 * reads `Hawk-Session-Token`, derives Hawk credentials with HKDF (written here independently
 * of the server code, so a derivation mismatch fails the tests) and signs requests.
 */
export type HawkCredentials = { id: string; key: string; algorithm: "sha256" };

export function deriveHawk(sessionTokenHex: string): HawkCredentials {
  const out = Buffer.from(
    hkdfSync("sha256", Buffer.from(sessionTokenHex, "hex"), Buffer.alloc(0), Buffer.from("identity.mozilla.com/picl/v1/sessionToken"), 64),
  );
  return { id: out.subarray(0, 32).toString("hex"), key: out.subarray(32).toString("hex"), algorithm: "sha256" };
}

export type Auth = "none" | "hawk" | { basic: string } | { cookie: string; origin?: string } | { header: string };

export type ApiResponse<T = any> = { status: number; headers: Headers; body: T; text: string };

export class LoopClient {
  sessionToken?: string;
  credentials?: HawkCredentials;

  constructor(readonly base: string) {}

  /** POST /registration without credentials: a new anonymous Hawk session. */
  async register(body: unknown = {}) {
    const r = await this.request("POST", "/registration", { body, auth: "none" });
    if (r.status !== 200) throw new Error(`registration failed: ${r.status} ${r.text}`);
    this.useSession(r.headers.get("hawk-session-token")!);
    return r;
  }

  useSession(sessionToken: string) {
    this.sessionToken = sessionToken;
    this.credentials = deriveHawk(sessionToken);
    return this;
  }

  async request<T = any>(
    method: string,
    path: string,
    opts: { body?: unknown; rawBody?: string; auth?: Auth; headers?: Record<string, string>; hawkPayload?: boolean } = {},
  ): Promise<ApiResponse<T>> {
    const url = this.base + path;
    const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
    let payload: string | undefined = opts.rawBody;
    if (opts.body !== undefined && payload === undefined) payload = JSON.stringify(opts.body);
    if (payload !== undefined && !headers["Content-Type"]) headers["Content-Type"] = "application/json";
    const auth = opts.auth ?? (this.credentials ? "hawk" : "none");
    if (auth === "hawk") {
      if (!this.credentials) throw new Error("no Hawk session");
      headers.Authorization = Hawk.client.header(url, method, {
        credentials: this.credentials,
        ...(opts.hawkPayload !== false && payload !== undefined ? { payload, contentType: headers["Content-Type"] } : {}),
      }).header;
    } else if (auth !== "none" && "basic" in auth) {
      headers.Authorization = `Basic ${Buffer.from(auth.basic).toString("base64")}`;
    } else if (auth !== "none" && "cookie" in auth) {
      headers.Cookie = auth.cookie;
      if (auth.origin) headers.Origin = auth.origin;
    } else if (auth !== "none" && "header" in auth) {
      headers.Authorization = auth.header;
    }
    const res = await fetch(url, { method, headers, body: payload, redirect: "manual" });
    const text = await res.text();
    let body: any = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: res.status, headers: res.headers, body, text };
  }

  get = <T = any>(path: string, opts?: Parameters<LoopClient["request"]>[2]) => this.request<T>("GET", path, opts);
  post = <T = any>(path: string, body?: unknown, opts?: Parameters<LoopClient["request"]>[2]) =>
    this.request<T>("POST", path, { ...opts, body });
  put = <T = any>(path: string, body?: unknown, opts?: Parameters<LoopClient["request"]>[2]) =>
    this.request<T>("PUT", path, { ...opts, body });
  patch = <T = any>(path: string, body?: unknown, opts?: Parameters<LoopClient["request"]>[2]) =>
    this.request<T>("PATCH", path, { ...opts, body });
  del = <T = any>(path: string, body?: unknown, opts?: Parameters<LoopClient["request"]>[2]) =>
    this.request<T>("DELETE", path, { ...opts, body });
}
