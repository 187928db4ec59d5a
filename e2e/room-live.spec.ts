import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createRoom, expectVideoFlowing, roomCard, signUpOwner } from "./owner-helpers";
import { setServerClockOffset } from "./support/clock";
import { sendChat } from "./support/guest";
import { liveVideoStreams } from "./support/webrtc";

/**
 * Issue 10, with two (or three) people in their own browsers, real Chromium and fake devices:
 * links work for a signed-in stranger, the room tells everyone the truth (rename, delete),
 * calls end on their own words, and a call-link call has the room's call screen.
 */
test.describe.configure({ timeout: 300_000 });

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** The wall-clock time (ms) at which the page first showed `text` somewhere, watched from now on. */
async function watchFor(page: Page, text: string) {
  await page.evaluate((text) => {
    const w = window as unknown as { __seen?: Record<string, number> };
    w.__seen ??= {};
    const check = () => {
      if (w.__seen![text] === undefined && (document.body.innerText.includes(text) || document.title.includes(text))) w.__seen![text] = Date.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  }, text);
  return async () => (await page.evaluate((text) => (window as unknown as { __seen?: Record<string, number> }).__seen?.[text], text)) as number;
}

async function axeClean(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

test("a signed-in stranger opens someone else's room link, is offered their name, joins as a guest; the owner keeps the owner's seat; video both ways", async ({
  browser,
}) => {
  const anna = await signUpOwner(browser, "Anna");
  const link = await createRoom(anna.page, "Book club", { first: true });
  const token = new URL(link, "http://x").pathname.slice(1);

  // Bruno has an account of his own and is signed in: the link must still work.
  const bruno = await signUpOwner(browser, "Bruno", { viewport: { width: 360, height: 740 } });
  await bruno.page.goto(link);
  await expect(bruno.page.getByTestId("prejoin")).toBeVisible();
  await expect(bruno.page.getByTestId("room-name")).toHaveText("Book club");
  await expect(bruno.page.getByLabel("Your name")).toHaveValue("Bruno");
  // Judged once the preview is live and the Join button settled (not mid-transition).
  await expect.poll(() => bruno.page.getByTestId("preview").evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const joinButton = bruno.page.getByRole("button", { name: "Join now" });
  await expect(joinButton).toBeEnabled();
  await expect(joinButton).toHaveCSS("background-color", "rgb(31, 102, 196)"); // brand-600, transition over
  await noHorizontalScroll(bruno.page);
  await axeClean(bruno.page);
  await bruno.page.getByRole("button", { name: "Join now" }).click();
  await expect(bruno.page.getByTestId("in-call")).toBeVisible();

  // Anna opens her own link while signed in: the owner's seat and role.
  const annaRoom = await anna.context.newPage();
  await annaRoom.goto(link);
  await expect(annaRoom.getByLabel("Your name")).toHaveValue("Anna");
  await annaRoom.getByRole("button", { name: "Join now" }).click();
  await expect(annaRoom.getByTestId("in-call")).toBeVisible();
  await expectVideoFlowing(annaRoom);
  await expectVideoFlowing(bruno.page);
  await expect(annaRoom.getByTestId("tile-remote")).toContainText("Bruno");
  await expect(bruno.page.getByTestId("tile-remote")).toContainText("Anna");
  await noHorizontalScroll(bruno.page);

  const info = await anna.context.request.get(`/rooms/${token}`, { headers: { Accept: "application/json" } });
  const participants = ((await info.json()).participants as { displayName: string; owner: boolean }[]).map((p) => [p.displayName, p.owner]).sort();
  expect(participants).toEqual([
    ["Anna", true],
    ["Bruno", false],
  ]);

  // Bruno leaves, and the dashboard still knows him only as a guest of Anna's room.
  await bruno.page.getByRole("button", { name: "Leave" }).click();
  await expect(bruno.page.getByRole("heading", { name: "You left the conversation" })).toBeVisible();
  await anna.context.close();
  await bruno.context.close();
});

test("call link: a signed-in stranger calls; Decline pressed the moment it rings is honoured (no feedback form); called again, owner and caller share one call screen: chat both ways, screen share, video both ways", async ({
  browser,
}) => {
  const lena = await signUpOwner(browser, "Lena", { viewport: { width: 360, height: 740 } });
  await lena.page.goto("/dashboard/links");
  await lena.page.getByLabel("For whom").fill("Max");
  await lena.page.getByRole("button", { name: "Create link" }).click();
  const url = (await lena.page.getByTestId("call-link").filter({ hasText: "For Max" }).locator("p.font-mono").textContent())!;

  const max = await signUpOwner(browser, "Max");
  await max.page.goto(url);
  await expect(max.page.getByTestId("callee-name")).toHaveText("Call Lena?");
  await max.page.getByRole("button", { name: "Video call" }).click();

  // The ring dialog's icon is an icon, not a glyph; Decline at once.
  const ring = lena.page.getByTestId("ring-dialog");
  await expect(ring).toBeVisible();
  await expect(ring.getByTestId("ring-icon").locator("svg")).toBeVisible();
  await ring.getByRole("button", { name: "Decline" }).click();
  await expect(max.page.getByRole("heading", { name: "Lena declined the call." })).toBeVisible();
  await expect(max.page.getByTestId("call-end")).toHaveAttribute("data-reason", "reject");
  // Honest ending: a call that never connected asks nothing about its quality.
  await expect(max.page.getByText("How was your call?")).toHaveCount(0);
  await expect(ring).toBeHidden();
  await axeClean(max.page);

  // Again; Lena accepts: one call screen on both sides.
  await max.page.getByRole("button", { name: "Call again" }).click();
  await max.page.getByRole("button", { name: "Video call" }).click();
  await expect(ring).toBeVisible();
  await ring.getByRole("button", { name: "Accept" }).click();
  const view = lena.page.getByTestId("call-view");
  await expect(view.getByTestId("in-call")).toBeVisible();
  await expectVideoFlowing(lena.page);
  await expectVideoFlowing(max.page);
  // A signed-in caller is known by their account (ref: it replaces the link's callerId).
  await expect(view.getByTestId("call-status")).toHaveText(`In a call with ${max.email}`);
  for (const page of [lena.page, max.page]) {
    const bar = page.getByRole("toolbar", { name: "Call controls" });
    for (const name of ["Mute microphone", "Turn camera off", "Share screen", "Chat", "Settings"]) {
      await expect(bar.getByRole("button", { name, exact: false }).first()).toBeVisible();
    }
  }
  // The owner's call screen at 360 px: no horizontal scroll, axe clean.
  await noHorizontalScroll(lena.page);
  await axeClean(lena.page);
  // Names on the tiles: no "You (you)".
  await expect(view.getByTestId("tile-self")).toContainText("Lena (you)");
  await expect(view.getByTestId("tile-remote")).toContainText(max.email);

  // Chat both ways.
  await sendChat(view, "hello from Lena");
  await max.page.getByRole("button", { name: "Chat" }).click();
  await expect(max.page.getByTestId("chat-message").filter({ hasText: "hello from Lena" })).toBeVisible();
  await max.page.getByLabel("Message").fill("hi Lena");
  await max.page.keyboard.press("Enter");
  await expect(view.getByTestId("chat-message").filter({ hasText: "hi Lena" })).toBeVisible();

  // Screen sharing from the owner's side reaches the caller as a second decoded video.
  await view.getByTestId("toggle-share").click();
  await expect(max.page.getByTestId("tile-screen")).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => liveVideoStreams(max.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  await view.getByTestId("toggle-share").click();
  await expect(max.page.getByTestId("tile-screen")).toHaveCount(0, { timeout: 15_000 });

  // The caller hangs up: both sides end; after a connected call, feedback is asked.
  await max.page.getByRole("button", { name: "Leave" }).click();
  await expect(max.page.getByText("How was your call?")).toBeVisible();
  await expect(view.getByTestId("call-status")).toHaveText("The call has ended.", { timeout: 20_000 });
  await lena.context.close();
  await max.context.close();
});

test("the room tells everyone the truth: a rename reaches the guest in the call and the visitor on the pre-join at once; a delete ends every call with the reason in words and no Rejoin", async ({
  browser,
}) => {
  const rita = await signUpOwner(browser, "Rita");
  const { page } = rita;
  const link = await createRoom(page, "Old name", { first: true });

  // A guest in the call, the owner in the call (another tab), a visitor on the pre-join.
  const guestCtx = await browser.newContext({ permissions: ["camera", "microphone"], viewport: { width: 360, height: 740 } });
  const guest = await guestCtx.newPage();
  await guest.goto(link);
  await guest.getByLabel("Your name").fill("Gus");
  await guest.getByRole("button", { name: "Join now" }).click();
  await expect(guest.getByTestId("in-call")).toBeVisible();
  const ownerRoom = await rita.context.newPage();
  await ownerRoom.goto(link);
  await ownerRoom.getByRole("button", { name: "Join now" }).click();
  await expect(ownerRoom.getByTestId("in-call")).toBeVisible();
  await expectVideoFlowing(guest);
  const visitorCtx = await browser.newContext({ permissions: ["camera", "microphone"] });
  const visitor = await visitorCtx.newPage();
  await visitor.goto(link);
  await expect(visitor.getByTestId("room-name")).toHaveText("Old name");
  await expect(guest).toHaveTitle("Old name — Loop");

  // Rename on the dashboard: nobody reloads.
  await roomCard(page, "Old name").getByRole("button", { name: "Rename" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename room" });
  await dialog.getByLabel("Room name").fill("New name");
  const seenRename = await watchFor(guest, "New name");
  const seenRenameVisitor = await watchFor(visitor, "New name");
  const patch = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/rooms/"));
  await dialog.getByRole("button", { name: "Save" }).click();
  const renamedAt = (await patch).request().timing().startTime; // wall clock when the PATCH left the owner's browser
  await expect(guest.getByTestId("call-title")).toHaveText("New name");
  await expect(guest).toHaveTitle("New name — Loop");
  await expect(visitor.getByTestId("room-name")).toHaveText("New name");
  await expect(visitor).toHaveTitle("New name — Loop");
  await expect(ownerRoom.getByTestId("call-title")).toHaveText("New name");
  console.log(
    `rename: from the owner's PATCH, the guest in the call saw it after ${Math.round((await seenRename()) - renamedAt)} ms, the visitor on the pre-join after ${Math.round((await seenRenameVisitor()) - renamedAt)} ms`,
  );

  // Delete: every call ends at once, in words, with nothing to rejoin.
  await roomCard(page, "New name").getByRole("button", { name: "Delete" }).click();
  const seenDelete = await watchFor(guest, "The owner closed this room");
  const seenDeleteOwner = await watchFor(ownerRoom, "The owner closed this room");
  const del = page.waitForResponse((r) => r.request().method() === "DELETE" && r.url().includes("/rooms/"));
  await page.getByRole("alertdialog", { name: "Delete this room?" }).getByRole("button", { name: "Delete" }).click();
  const deletedAt = (await del).request().timing().startTime;
  for (const p of [guest, ownerRoom]) {
    await expect(p.getByRole("heading", { name: "The owner closed this room" })).toBeVisible();
    await expect(p.getByTestId("room-closed")).toHaveAttribute("data-reason", "deleted");
    await expect(p.getByTestId("rejoin")).toHaveCount(0);
    await expect(p.getByTestId("failed")).toHaveCount(0);
  }
  console.log(
    `delete: from the owner's DELETE, the guest's call ended after ${Math.round((await seenDelete()) - deletedAt)} ms, the owner's after ${Math.round((await seenDeleteOwner()) - deletedAt)} ms`,
  );
  await expect(visitor.getByRole("heading", { name: "The owner closed this room" })).toBeVisible();
  // They were in the call: feedback is asked; the visitor never was.
  await expect(guest.getByText("How was your call?")).toBeVisible();
  await expect(visitor.getByText("How was your call?")).toHaveCount(0);
  await noHorizontalScroll(guest);
  await axeClean(guest);

  await guestCtx.close();
  await visitorCtx.close();
  await rita.context.close();
});

test("a room reaching its expiry ends everyone's call with the reason in words and no Rejoin (server clock moved forward)", async ({ browser }) => {
  const eve = await signUpOwner(browser, "Eve");
  const link = await createRoom(eve.page, "Short-lived", { first: true });
  const token = new URL(link, "http://x").pathname.slice(1);
  const guestCtx = await browser.newContext({ permissions: ["camera", "microphone"] });
  try {
    const guest = await guestCtx.newPage();
    await guest.goto(link);
    await guest.getByLabel("Your name").fill("Gil");
    await guest.getByRole("button", { name: "Join now" }).click();
    await expect(guest.getByTestId("in-call")).toBeVisible();
    const ownerRoom = await eve.context.newPage();
    await ownerRoom.goto(link);
    await ownerRoom.getByRole("button", { name: "Join now" }).click();
    await expect(ownerRoom.getByTestId("in-call")).toBeVisible();
    await expectVideoFlowing(guest);

    // The owner gives the room one more hour (the shortest lifetime), then an hour passes.
    const r = await eve.context.request.patch(`/rooms/${token}`, { headers: { Origin: new URL(eve.page.url()).origin }, data: { expiresIn: 1 } });
    expect(r.status()).toBe(200);
    const { expiresAt } = (await r.json()) as { expiresAt: number };
    const seen = await watchFor(guest, "This room has expired");
    const movedAt = Date.now();
    setServerClockOffset((expiresAt + 1) * 1000 - movedAt);
    for (const p of [guest, ownerRoom]) {
      await expect(p.getByRole("heading", { name: "This room has expired" })).toBeVisible();
      await expect(p.getByTestId("room-closed")).toHaveAttribute("data-reason", "expired");
      await expect(p.getByTestId("rejoin")).toHaveCount(0);
      await expect(p.getByTestId("failed")).toHaveCount(0);
    }
    console.log(`expiry: the guest's call ended ${(await seen()) - movedAt} ms after the server's clock passed the room's expiry`);
  } finally {
    setServerClockOffset(0);
    await guestCtx.close();
    await eve.context.close();
  }
});
