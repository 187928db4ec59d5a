import { expect, test, type BrowserContextOptions } from "@playwright/test";
import { createRoom, expectVideoFlowing, ownerJoinsFromCard, roomCard, signUpOwner } from "./owner-helpers";
import { type App, type Nginx, needBinary, nginxPorts, startApp, startNginx } from "./support/app-server";
import { closeAll, join, sendChat } from "./support/guest";

/**
 * Behind a real reverse proxy (issue 18): nginx running docs/deploy/nginx.conf with TLS (a
 * self-signed certificate made by the test; Chromium told to accept it), PUBLIC_URL on https,
 * TRUST_PROXY=1. Everything goes through the proxy: sign-up (Secure cookies), the owner's live
 * dashboard (SSE), a room call with video and chat (signaling SSE + POST), and a call link
 * ringing the owner.
 */
test.describe.configure({ mode: "serial", timeout: 240_000 });

let app: App | undefined;
let nginx: Nginx | undefined;
let browserOpts: BrowserContextOptions;

test.beforeAll(async () => {
  needBinary("nginx", "openssl");
  test.setTimeout(180_000);
  const ports = await nginxPorts();
  app = await startApp({ PUBLIC_URL: `https://127.0.0.1:${ports.https}`, TRUST_PROXY: "1" });
  nginx = await startNginx(ports, [`127.0.0.1:${app.port}`]);
  browserOpts = { baseURL: nginx.url, ignoreHTTPSErrors: true };
});

test.afterAll(async () => {
  await nginx?.stop();
  await app?.stop();
});

test("plain HTTP redirects to HTTPS; HTTPS carries HSTS and the app's answers", async () => {
  const r = await fetch(`${nginx!.httpUrl}/dashboard`, { redirect: "manual" });
  expect(r.status).toBe(301);
  // On a real server 443 is the default port, so the redirect names none.
  expect(r.headers.get("location")).toBe("https://127.0.0.1/dashboard");
  const { request } = await import("node:https");
  const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
    request(`${nginx!.url}/`, { rejectUnauthorized: false, headers: { Accept: "application/json" } }, (res) => {
      res.resume();
      resolve(res.headers);
    })
      .on("error", reject)
      .end();
  });
  // Sent once, by the app (PUBLIC_URL is https), not again by nginx.
  expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(headers["content-type"]).toMatch(/application\/json/);
});

test("through nginx with TLS: sign-up, live dashboard, a room call with video and chat, and a call link ringing", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Olivia", { contextOptions: browserOpts });
  const guestContext = await browser.newContext({ ...browserOpts, permissions: ["camera", "microphone"] });
  const callerContext = await browser.newContext({ ...browserOpts, permissions: ["camera", "microphone"] });
  try {
    const { page } = owner;
    expect(await page.evaluate(() => window.isSecureContext && location.protocol)).toBe("https:");
    // The session cookie is Secure (PUBLIC_URL is https) and survived the proxy.
    const cookies = await owner.context.cookies();
    expect(cookies.find((c) => c.name === "__Secure-next-auth.session-token")).toMatchObject({ secure: true, httpOnly: true });

    // A room: its link is on the public https origin.
    const link = await createRoom(page, "Planning", { first: true });
    expect(link.startsWith(`${nginx!.url}/`)).toBe(true);
    const card = roomCard(page, "Planning");

    // A guest joins: the owner's dashboard shows it live (GET /events through nginx, unbuffered).
    const guest = await guestContext.newPage();
    await guest.goto(link);
    await join(guest, "Alice");
    await expect(card.getByTestId("room-participants")).toContainText("Alice");
    await expect(card.getByTestId("participant-count")).toHaveText("In the room: 1 of 5");

    // The owner joins: video both ways, chat both ways.
    await ownerJoinsFromCard(page, card, "Planning");
    await expectVideoFlowing(page);
    await expectVideoFlowing(guest);
    await sendChat(guest, "hello through the proxy");
    await page.getByRole("button", { name: "Chat" }).click();
    await expect(page.getByTestId("chat-message").filter({ hasText: "hello through the proxy" })).toContainText("Alice");
    await page.getByLabel("Message").fill("hi Alice");
    await page.keyboard.press("Enter");
    await expect(guest.getByTestId("chat-message").filter({ hasText: "hi Alice" })).toBeVisible();
    await guest.getByRole("button", { name: "Leave" }).click();

    // A call link: the caller rings the owner, who is back on the dashboard.
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Your rooms" })).toBeVisible();
    const r = await page.request.post("/call-url", { headers: { Origin: nginx!.url }, data: { callerId: "Bob", issuer: "Olivia" } });
    expect(r.status()).toBe(200);
    const { callUrl, callToken } = await r.json();
    expect(callUrl).toBe(`${nginx!.url}/c/${callToken}`);
    const caller = await callerContext.newPage();
    await caller.goto(callUrl);
    await expect(caller.getByTestId("callee-name")).toHaveText("Call Olivia?");
    await caller.getByRole("button", { name: "Video call" }).click();
    const ring = page.getByTestId("ring-dialog");
    await expect(ring).toBeVisible({ timeout: 20_000 });
    await ring.getByRole("button", { name: "Accept" }).click();
    await expect(caller.getByTestId("call-progress")).toHaveText("Connected", { timeout: 30_000 });
    await expectVideoFlowing(caller);
    await caller.getByRole("button", { name: "Leave" }).click();
    await expect(caller.getByTestId("call-end")).toHaveAttribute("data-reason", "left");

    // All of it went through nginx to the app: the streams included.
    const log = nginx!.accessLog();
    for (const path of ["GET /events", "GET /video/signal", "POST /video/signal", "POST /call-url"]) expect(log).toContain(path);
  } finally {
    await closeAll(guestContext, callerContext, owner.context);
  }
});
