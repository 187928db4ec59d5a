import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { config } from "../config";
import { hkdf } from "../crypto";

/**
 * A participant's account name (email) is kept encrypted at rest, with a key derived from the
 * room token (ref §5.3: HKDF, info "account-name"), so a copy of the database alone does not
 * list who met in which room. AES-256-GCM; stored as base64(iv ‖ ciphertext ‖ tag).
 */
function keyFor(roomToken: string) {
  return hkdf(Buffer.from(roomToken), "account-name", 32, Buffer.from(config().secrets.hmac));
}

export function encryptAccountName(roomToken: string, account: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", keyFor(roomToken), iv);
  const body = Buffer.concat([c.update(account, "utf8"), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString("base64");
}

/** The account name, or undefined when it cannot be read (never fails a room answer). */
export function decryptAccountName(roomToken: string, stored: string | null): string | undefined {
  if (!stored) return undefined;
  try {
    const raw = Buffer.from(stored, "base64");
    const d = createDecipheriv("aes-256-gcm", keyFor(roomToken), raw.subarray(0, 12));
    d.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}
