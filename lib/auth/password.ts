import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing with argon2id (the library's default algorithm; its default cost is the
 * OWASP recommendation: 19 MiB, 2 passes, 1 lane). The PHC string keeps the parameters, so
 * raising the cost later still verifies old hashes.
 */
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./limits";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash of a random string: verifying against it when the account does not exist costs
// the same time as a real check, so response times do not tell which e-mails have accounts.
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hash(`decoy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await decoy, password);
  return false;
}
