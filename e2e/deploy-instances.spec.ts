import { expect, test, type BrowserContextOptions, type Page } from "@playwright/test";
import { createRoom, expectVideoFlowing, ownerJoinsFromCard, roomCard, signUpOwner } from "./owner-helpers";
import { type App, type Nginx, needBinary, nginxPorts, startApp, startNginx, startPostgresDatabase, startRedis } from "./support/app-server";
import { closeAll, join, sendChat } from "./support/guest";

/**
 * Two instances, one call (issue 18): PostgreSQL and Redis of the test's own, two app
 * instances (LOOP_INSTANCE a and b) behind nginx running docs/deploy/nginx.conf, which
 * alternates requests between them. Every response names its instance (X-Loop-Instance), so
 * the test can show that the guest's and the owner's requests were served by different
 * instances, and that signaling, the live dashboard and call progress crossed between them.
 */
test.describe.configure({ mode: "serial", timeout: 300_000 });

let apps: App[] = [];
let nginx: Nginx | undefined;
let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
let database: Awaited<ReturnType<typeof startPostgresDatabase>> | undefined;
let browserOpts: BrowserContextOptions;

test.beforeAll(async () => {
  needBinary("nginx", "openssl", "redis-server");
  test.setTimeout(240_000);
  database = await startPostgresDatabase("instances");
  redis = await startRedis();
  const ports = await nginxPorts();
  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, PUBLIC_URL: `https://127.0.0.1:${ports.https}`, TRUST_PROXY: "1" };
  // One after the other: the first applies the migrations.
  apps.push(await startApp({ ...env, LOOP_INSTANCE: "a" }));
  apps.push(await startApp({ ...env, LOOP_INSTANCE: "b" }));
  nginx = await startNginx(
    ports,
    apps.map((a) => `127.0.0.1:${a.port}`),
  );
  browserOpts = { baseURL: nginx.url, ignoreHTTPSErrors: true };
});

test.afterAll(async () => {
  await nginx?.stop();
  for (const a of apps) await a.stop();
  apps = [];
  await redis?.stop();
  await database?.drop();
});

type Served = { method: string; path: string; instance: string };

/** Records which instance answered each of the page's requests to the app. */
function recordInstances(page: Page) {
  const served: Served[] = [];
  page.on("response", (r) => {
    const instance = r.headers()["x-loop-instance"];
    if (!instance) return;
    served.push({ method: r.request().method(), path: new URL(r.url()).pathname, instance });
  });
  return served;
}

test("nginx alternates between the instances", async () => {
  const { request } = await import("node:https");
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) {
    seen.push(
      await new Promise<string>((resolve, reject) => {
        request(`${nginx!.url}/`, { rejectUnauthorized: false, headers: { Accept: "application/json" } }, (res) => {
          res.resume();
          resolve(String(res.headers["x-loop-instance"]));
        })
          .on("error", reject)
          .end();
      }),
    );
  }
  expect(new Set(seen)).toEqual(new Set(["a", "b"]));
  expect(seen[0]).not.toBe(seen[1]);
});

test("a call where the guest and the owner are served by different instances: live dashboard, video, chat, call progress", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Olivia", { contextOptions: browserOpts });
  const ownerServed = recordInstances(owner.page);
  const guestContext = await browser.newContext({ ...browserOpts, permissions: ["camera", "microphone"] });
  const callerContext = await browser.newContext({ ...browserOpts, permissions: ["camera", "microphone"] });
  try {
    const { page } = owner;
    const link = await createRoom(page, "Across instances", { first: true });
    const card = roomCard(page, "Across instances");

    const guest = await guestContext.newPage();
    const guestServed = recordInstances(guest);
    await guest.goto(link);
    await join(guest, "Alice");
    // Live dashboard: the join reached the owner's GET /events stream, wherever each landed.
    await expect(card.getByTestId("room-participants")).toContainText("Alice");

    await ownerJoinsFromCard(page, card, "Across instances");
    await expectVideoFlowing(page);
    await expectVideoFlowing(guest);
    await sendChat(guest, "hello from the other instance");
    await page.getByRole("button", { name: "Chat" }).click();
    await expect(page.getByTestId("chat-message").filter({ hasText: "hello from the other instance" })).toBeVisible();

    // Both people were served by both instances, and signaling crossed over: a message the
    // guest posted on one instance reached the owner's stream held by the other, and back.
    const instancesOf = (s: Served[]) => new Set(s.map((x) => x.instance));
    expect(instancesOf(guestServed)).toEqual(new Set(["a", "b"]));
    expect(instancesOf(ownerServed)).toEqual(new Set(["a", "b"]));
    // A participant's signaling stream: the join's own answer (POST /video/signal/join/{token}),
    // or the GET /video/signal that takes over if that stream ends.
    const isStream = (x: Served) => (x.method === "GET" && x.path === "/video/signal") || (x.method === "POST" && x.path.startsWith("/video/signal/join/"));
    const stream = (s: Served[]) => s.filter(isStream).at(-1)?.instance;
    const posts = (s: Served[]) => s.filter((x) => x.method === "POST" && x.path === "/video/signal").map((x) => x.instance);
    const ownerStream = stream(ownerServed);
    const guestStream = stream(guestServed);
    expect(ownerStream).toBeDefined();
    expect(guestStream).toBeDefined();
    expect(posts(guestServed).some((i) => i !== ownerStream)).toBe(true);
    expect(posts(ownerServed).some((i) => i !== guestStream)).toBe(true);
    await guest.getByRole("button", { name: "Leave" }).click();

    // Call progress across instances: a call link rings the owner's dashboard; accepted, connected.
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { name: "Your rooms" })).toBeVisible();
    const r = await page.request.post("/call-url", { headers: { Origin: nginx!.url }, data: { callerId: "Bob", issuer: "Olivia" } });
    expect(r.status()).toBe(200);
    const caller = await callerContext.newPage();
    const callerServed = recordInstances(caller);
    await caller.goto((await r.json()).callUrl);
    await caller.getByRole("button", { name: "Video call" }).click();
    await expect(caller.getByTestId("call-progress")).toHaveText("Ringing…", { timeout: 20_000 });
    const ring = page.getByTestId("ring-dialog");
    await expect(ring).toBeVisible({ timeout: 20_000 });
    await ring.getByRole("button", { name: "Accept" }).click();
    await expect(caller.getByTestId("call-progress")).toHaveText("Connected", { timeout: 30_000 });
    await expectVideoFlowing(caller);
    expect(instancesOf(callerServed)).toEqual(new Set(["a", "b"]));
    await caller.getByRole("button", { name: "Leave" }).click();
    await expect(caller.getByTestId("call-end")).toHaveAttribute("data-reason", "left");
  } finally {
    await closeAll(guestContext, callerContext, owner.context);
  }
});
