import OpenTok from "opentok";
import type { Role, VideoProvider } from "./provider";
import { errors } from "../http/errors";
import { config } from "../config";

/** The real OpenTok (Vonage Video) SDK; OPENTOK_API_URL points it at a stand-in in tests. */
export class OpenTokProvider implements VideoProvider {
  readonly name = "opentok" as const;
  readonly apiKey: string;
  private readonly ot: OpenTok;

  constructor(opts: { apiKey: string; apiSecret: string; apiUrl?: string }) {
    this.apiKey = opts.apiKey;
    this.ot = opts.apiUrl ? new OpenTok(opts.apiKey, opts.apiSecret, { apiUrl: opts.apiUrl }) : new OpenTok(opts.apiKey, opts.apiSecret);
  }

  createSession(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.ot.createSession({ mediaMode: "relayed" }, (err, session) => {
        if (err || !session) reject(errors.backend("Video provider unavailable.", config().retryAfterSec));
        else resolve(session.sessionId);
      });
    });
  }

  createToken(sessionId: string, opts: { role: Role; subject: string; expireSec: number; data?: string }) {
    return this.ot.generateToken(sessionId, {
      role: opts.role,
      expireTime: Math.floor(Date.now() / 1000) + opts.expireSec,
      data: opts.data,
    });
  }

  async health() {
    try {
      await this.createSession();
      return true;
    } catch {
      return false;
    }
  }
}
