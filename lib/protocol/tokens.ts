/**
 * Room and call-URL tokens (contract §1): ours are 22 base64url characters (128 bits); the
 * original's 11-character form is still accepted. Anything else is an unknown token.
 */
export const LOOP_TOKEN = /^(?:[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{11})$/;

export function isLoopToken(token: string): boolean {
  return LOOP_TOKEN.test(token);
}
