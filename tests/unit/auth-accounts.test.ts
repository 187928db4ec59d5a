import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { authenticatePassword, signUp, signUpInput, TOO_MANY_ATTEMPTS, userForExternalIdentity } from "@/lib/accounts/users";
import { clock, manualClock, setClock, systemClock } from "@/lib/clock";
import { userMacFor } from "@/lib/crypto";
import { db } from "@/lib/db";
import { LoopError } from "@/lib/http/errors";
import { Limiter } from "@/lib/limits";
import { signInDelayMs } from "@/lib/accounts/sign-in-throttle";

afterEach(() => setClock(systemClock));

const email = (p = "u") => `${p}-${randomBytes(5).toString("hex")}@Example.test`;
// Each test acts from its own address (the peer address our front door hands handlers), so
// per-address limits of one test never touch another.
let n = 0;
const from = () => new Headers({ "x-loop-peer": `198.51.${100 + Math.floor(++n / 250)}.${n % 250}` });
const fromObj = (h: Headers) => Object.fromEntries(h);

async function newUser(password = "correct horse") {
  const e = email();
  const input = signUpInput.parse({ email: e, password, name: "Ann" });
  const r = await signUp(input, from());
  if (r.pending) throw new Error("expected a new account");
  return { user: r.user, email: e, password };
}

describe("sign-up", () => {
  it("stores the lowercased e-mail, its userMac and an argon2id hash, never the password", async () => {
    const { user, email: e, password } = await newUser("my secret words");
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBe(e.toLowerCase());
    expect(row.userMac).toBe(userMacFor(e));
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(row)).not.toContain(password);
  });

  it("validates e-mail and password length (minimum 8)", () => {
    expect(signUpInput.safeParse({ email: "x@y.zz", password: "1234567" }).success).toBe(false);
    expect(signUpInput.safeParse({ email: "x@y.zz", password: "12345678" }).success).toBe(true);
    expect(signUpInput.safeParse({ email: "no-at-sign", password: "12345678" }).success).toBe(false);
    expect(signUpInput.safeParse({ email: "x@y.zz", password: "p".repeat(513) }).success).toBe(false);
  });

  it("an e-mail a verified account holds (any case) → 409 and no second row; concurrent sign-ups of one e-mail make one account", async () => {
    const { email: e, user } = await newUser();
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: 1 } });
    await expect(signUp(signUpInput.parse({ email: e.toUpperCase(), password: "whatever1" }), from())).rejects.toMatchObject({ code: 409 });
    const twin = email("twin");
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => signUp(signUpInput.parse({ email: twin, password: "whatever1" }), from())),
    );
    // the others are refused, or (seeing an unverified holder) only mail a claim
    expect(results.filter((r) => r.status === "fulfilled" && !r.value.pending)).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(LoopError);
    expect(await db().user.count({ where: { email: twin.toLowerCase() } })).toBe(1);
  });

  it("probing taken e-mails from one address is throttled (429 / 116)", async () => {
    const { email: e, user } = await newUser();
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: 1 } });
    const h = from();
    for (let i = 0; i < 20; i++) await expect(signUp(signUpInput.parse({ email: e, password: "whatever1" }), h)).rejects.toMatchObject({ code: 409 });
    await expect(signUp(signUpInput.parse({ email: email(), password: "whatever1" }), h)).rejects.toMatchObject({ code: 429, errno: 116 });
  });
});

describe("password sign-in", () => {
  it("the right password signs in (any case of e-mail); a wrong one or an unknown account does not", async () => {
    const { user, email: e, password } = await newUser();
    const h = fromObj(from());
    expect(await authenticatePassword(e.toUpperCase(), password, h)).toEqual({ id: user.id, email: e.toLowerCase(), name: "Ann" });
    expect(await authenticatePassword(e, "wrong password", h)).toBeNull();
    expect(await authenticatePassword(email("none"), password, h)).toBeNull();
    expect(await authenticatePassword(undefined, undefined, h)).toBeNull();
  });

  it("5 wrong passwords from one address refuse that address, never the right password from another", async () => {
    const { email: e, password } = await newUser();
    const thief = fromObj(from());
    for (let i = 0; i < 5; i++) expect(await authenticatePassword(e, `wrong-${i}`, thief)).toBeNull();
    await expect(authenticatePassword(e, password, thief)).rejects.toThrow(TOO_MANY_ATTEMPTS);
    // The owner, elsewhere, is never locked out by someone else's failures.
    expect(await authenticatePassword(e, password, fromObj(from()))).not.toBeNull();
  });

  it("attempts are counted before the password is checked: 20 parallel guesses get 5 tries", async () => {
    const { email: e } = await newUser();
    const h = fromObj(from());
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => authenticatePassword(e, `guess-${i}-x`, h)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(15);
  });

  it("failures from many addresses only slow the account down, and a success clears it", async () => {
    const { email: e, password } = await newUser();
    expect(await signInDelayMs(e)).toBe(0);
    for (let i = 0; i < 11; i++) expect(await authenticatePassword(e, `spray-${i}`, fromObj(from()))).toBeNull();
    expect(await signInDelayMs(e)).toBeGreaterThan(0);
    expect(await signInDelayMs(e)).toBeLessThanOrEqual(2000);
    expect(await authenticatePassword(e, password, fromObj(from()))).not.toBeNull();
    expect(await signInDelayMs(e)).toBe(0);
  });

  it("a success clears the account's failures from that address", async () => {
    const { email: e, password } = await newUser();
    const h = fromObj(from());
    for (let i = 0; i < 4; i++) await authenticatePassword(e, "nope-nope", h);
    expect(await authenticatePassword(e, password, h)).not.toBeNull();
    for (let i = 0; i < 4; i++) await authenticatePassword(e, "nope-nope", h);
    expect(await authenticatePassword(e, password, h)).not.toBeNull();
  });

  it("one address failing across many accounts is throttled too", async () => {
    const h = fromObj(from());
    for (let i = 0; i < 50; i++) expect(await authenticatePassword(email("spray"), "guess-guess", h)).toBeNull();
    const { email: e, password } = await newUser();
    await expect(authenticatePassword(e, password, h)).rejects.toThrow(TOO_MANY_ATTEMPTS);
    expect(await authenticatePassword(e, password, fromObj(from()))).not.toBeNull();
  });

  it("a spoofed X-Forwarded-For changes nothing: the peer address is what counts", async () => {
    const { email: e, password } = await newUser();
    const peer = from().get("x-loop-peer")!;
    for (let i = 0; i < 5; i++) {
      const spoofed = { "x-loop-peer": peer, "x-forwarded-for": `203.0.113.${i}` };
      expect(await authenticatePassword(e, `wrong-${i}`, spoofed)).toBeNull();
    }
    await expect(authenticatePassword(e, password, { "x-loop-peer": peer, "x-forwarded-for": "203.0.113.99" })).rejects.toThrow(TOO_MANY_ATTEMPTS);
  });
});

describe("limiter", () => {
  it("counts within a window, reports the wait, refunds and forgets", async () => {
    const l = new Limiter("unit-test", { points: 3, durationSec: 60 });
    for (let i = 0; i < 3; i++) expect(await l.tryConsume("k1")).toBe(0);
    const wait = await l.tryConsume("k1");
    expect(wait).toBeGreaterThan(55);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await l.peek("k1")).toBeGreaterThan(0);
    await expect(l.consume("k1")).rejects.toMatchObject({ code: 429, errno: 116, detail: { headers: { "Retry-After": expect.stringMatching(/^\d+$/) } } });
    for (let i = 0; i < 3; i++) await l.consume("k2");
    await l.reset("k2");
    expect(await l.peek("k2")).toBe(0);
    await l.consume("k3");
    await l.refund("k3");
    expect(await l.used("k3")).toBe(0);
  });
});

describe("external identities (GitHub, Google, OIDC)", () => {
  it("a new verified e-mail creates a user and links the identity; the next sign-in finds the same user", async () => {
    const e = email("gh");
    const first = await userForExternalIdentity({ provider: "github", providerAccountId: "42", email: e, emailVerified: true, name: "Octo" });
    expect("user" in first && first.user.email).toBe(e.toLowerCase());
    const again = await userForExternalIdentity({ provider: "github", providerAccountId: "42", email: "changed@example.test", emailVerified: true, name: "Octo" });
    expect("user" in again && "user" in first && again.user.id === first.user.id).toBe(true);
    const row = await db().user.findUniqueOrThrow({ where: { email: e.toLowerCase() } });
    expect(row.passwordHash).toBeNull();
    expect(row.userMac).toBe(userMacFor(e));
  });

  it("no e-mail, or one the provider does not vouch for, creates nothing", async () => {
    const e = email("unverified");
    expect(await userForExternalIdentity({ provider: "oidc", providerAccountId: "u1", email: e, emailVerified: false, name: null })).toEqual({
      refused: "EmailRequired",
    });
    expect(await userForExternalIdentity({ provider: "oidc", providerAccountId: "u2", email: null, emailVerified: true, name: null })).toEqual({
      refused: "EmailRequired",
    });
    expect(await db().user.count({ where: { email: e.toLowerCase() } })).toBe(0);
  });

  it("an e-mail that a verified account holds is not linked automatically", async () => {
    const { email: e, user } = await newUser();
    await db().user.update({ where: { id: user.id }, data: { emailVerifiedAt: 1 } });
    expect(await userForExternalIdentity({ provider: "google", providerAccountId: "g-1", email: e, emailVerified: true, name: "X" })).toEqual({
      refused: "OAuthAccountNotLinked",
    });
    expect(await db().oAuthLink.count({ where: { provider: "google", providerAccountId: "g-1" } })).toBe(0);
  });

  it("takeover: an unverified account never keeps the address from its owner signing in through a provider that vouches for it", async () => {
    // The squatter signs up first with someone else's address and never verifies it.
    const { email: e, user: squatter, password } = await newUser();
    const r = await userForExternalIdentity({ provider: "oidc", providerAccountId: "ceo-1", email: e, emailVerified: true, name: "CEO" });
    expect(r).toMatchObject({ user: { email: e.toLowerCase(), name: "CEO" } });
    const owner = await db().user.findUniqueOrThrow({ where: { email: e.toLowerCase() } });
    expect(owner.id).not.toBe(squatter.id);
    expect(owner.emailVerifiedAt).not.toBeNull();
    expect(owner.passwordHash).toBeNull();
    // The squatter's account and password are gone.
    expect(await db().user.count({ where: { id: squatter.id } })).toBe(0);
    expect(await authenticatePassword(e, password, fromObj(from()))).toBeNull();
  });
});
