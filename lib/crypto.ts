import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { config } from "./config";

/** base64url random token; 16 bytes → 22 chars (contract §1). */
export function randomToken(bytes = 16) {
  return randomBytes(bytes).toString("base64url");
}

export function randomHex(bytes = 16) {
  return randomBytes(bytes).toString("hex");
}

export function hmacHex(secret: string, value: string) {
  return createHmac("sha256", secret).update(value).digest("hex");
}

/** userMac = HMAC(lowercase(identity)), the stable key of a registered user. */
export function userMacFor(email: string) {
  return hmacHex(config().secrets.hmac, email.trim().toLowerCase());
}

/** Constant-time string compare (lengths may leak, contents do not). */
export function safeEqual(a: string, b: string) {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
}

export function hkdf(ikm: Buffer, info: string, length: number, salt: Buffer = Buffer.alloc(0)) {
  return Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from(info), length));
}
