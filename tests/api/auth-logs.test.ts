import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoopClient } from "../support/loop-client";
import { startServer, type RunningServer } from "../support/server";
import { signUp, trySignIn } from "../support/web-user";

// A server of our own, logging at debug level, so its whole output can be searched.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: "debug" }, "auth-logs");
});
afterAll(async () => {
  await server?.stop();
});

describe("secrets never reach the logs", () => {
  it("passwords, Hawk tokens and keys, and session cookies are absent from the server output", async () => {
    const base = server.url;
    const api = new LoopClient(base);
    const user = await signUp(base, { password: "Pa55word-that-must-not-leak" });
    await trySignIn(base, user.email, "Wrong-password-that-must-not-leak");
    await api.post("/api/sign-up", { email: user.email, password: "Dup-password-must-not-leak" }, { auth: "none" });
    await api.post("/api/sign-up", { email: "bad", password: "Short" }, { auth: "none" });

    const anon = new LoopClient(base);
    await anon.register({ simplePushURLs: { calls: "https://push.example.com/capability-url-abc" } });
    await anon.del("/session");
    const minted = await api.post("/session", { label: "x" }, { auth: { cookie: user.cookie, origin: base } });
    const desktop = new LoopClient(base).useSession(minted.body.hawkSessionToken);
    await desktop.del("/registration");
    await desktop.del("/registration", undefined, { headers: {} }); // a replay-free second call
    await new LoopClient(base).request("DELETE", "/registration", { auth: { header: `Hawk id="${desktop.credentials!.id}", ts="1", nonce="n", mac="bad"` } });

    const logs = server.logs();
    expect(logs.length).toBeGreaterThan(0);
    const secrets = {
      password: user.password,
      wrongPassword: "Wrong-password-that-must-not-leak",
      dupPassword: "Dup-password-must-not-leak",
      anonToken: anon.sessionToken!,
      anonKey: anon.credentials!.key,
      userToken: minted.body.hawkSessionToken,
      userKey: desktop.credentials!.key,
      cookie: user.cookie.split("=").slice(1).join("=").slice(0, 40),
      pushUrl: "capability-url-abc",
    };
    for (const [name, secret] of Object.entries(secrets)) expect(logs.includes(secret), name).toBe(false);
  });
});
