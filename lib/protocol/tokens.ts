/**
 * Room and call-URL tokens (contract §1): ours are 22 base64url characters (128 bits); the
 * original's 11-character form is still accepted. Anything else is an unknown token.
 */
export const LOOP_TOKEN = /^(?:[A-Za-z0-9_-]{22}|[A-Za-z0-9_-]{11})$/;

export function isLoopToken(token: string): boolean {
  return LOOP_TOKEN.test(token);
}

/**
 * What a person's browser may hold of a link: a token, or one cut short or lengthened by a
 * copy. The room and call-link pages take these to the "this link is no longer available"
 * screen (which says it may have been copied incompletely) rather than a bare 404; only
 * paths that could never have been a link get the not-found page.
 */
export const LINK_LIKE = /^[A-Za-z0-9_-]{8,64}$/;
