import OpenTok from "opentok";
import type { Role, VideoProvider } from "./provider";
import { errors } from "../http/errors";
import { clock } from "../clock";
import { config } from "../config";
import { log } from "../log";

/** Attempts per session creation, as the original (`tokBox.retryOnError`). */
const CREATE_ATTEMPTS = 3;

/** The real OpenTok (Vonage Video) SDK; OPENTOK_API_URL points it at a stand-in in tests. */
export class OpenTokProvider implements VideoProvider {
  readonly name = "opentok" as const;
  readonly apiKey: string;
  private readonly ot: OpenTok;

  constructor(opts: { apiKey: string; apiSecret: string; apiUrl?: string }) {
    this.apiKey = opts.apiKey;
    this.ot = opts.apiUrl ? new OpenTok(opts.apiKey, opts.apiSecret, { apiUrl: opts.apiUrl }) : new OpenTok(opts.apiKey, opts.apiSecret);
  }

  /** A relayed session; a provider failure after the retries is 503 / 201 with Retry-After. */
  async createSession(): Promise<string> {
    let last: Error | undefined;
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
      try {
        return await this.createOnce();
      } catch (e) {
        last = e as Error;
      }
    }
    log.warn("opentok.create_session_failed", { attempts: CREATE_ATTEMPTS, error: last?.message });
    throw errors.backend("Video provider unavailable.", config().retryAfterSec);
  }

  private createOnce(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.ot.createSession({ mediaMode: "relayed" }, (err, session) => {
        if (err || !session) reject(err ?? new Error("no session"));
        else resolve(session.sessionId);
      });
    });
  }

  createToken(sessionId: string, opts: { role: Role; subject: string; expireSec: number; data?: string }) {
    return this.ot.generateToken(sessionId, {
      role: opts.role,
      expireTime: clock.nowSec() + opts.expireSec,
      data: opts.data,
    });
  }

  async health() {
    try {
      await this.createOnce();
      return true;
    } catch {
      return false;
    }
  }
}
