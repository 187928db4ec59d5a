// Minimal typings for the parts of the `opentok` server SDK we use.
declare module "opentok" {
  type Session = { sessionId: string };
  type TokenOptions = { role?: "subscriber" | "publisher" | "moderator"; expireTime?: number; data?: string };
  export default class OpenTok {
    constructor(apiKey: string, apiSecret: string, options?: { apiUrl?: string; timeout?: number });
    createSession(options: { mediaMode?: "relayed" | "routed" }, cb: (err: Error | null, session?: Session) => void): void;
    generateToken(sessionId: string, options?: TokenOptions): string;
  }
}
