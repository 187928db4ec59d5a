import { expect, test } from "./support/test";
import { signUpOwner } from "./owner-helpers";
import { createRoomAsWebUser } from "./support/loop-api";
import { closeAll, join, openGuest } from "./support/guest";
import { inboundStats, liveVideoStreams, maxFramesDecoded } from "./support/webrtc";

test.describe.configure({ mode: "serial" });

test("a guest opens a room link, joins, and talks with a second participant: real media, chat, screen share, leave", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  // The owner: a signed-in web user who creates the room (through the API) and joins it from
  // their own browser context, where the server knows them as the room's owner.
  const owner = await signUpOwner(browser, "Ada");
  const room = await createRoomAsWebUser(owner.page.request, baseURL!, {
    roomName: "Friday retro",
    description: "Bring your notes",
    roomOwner: "Ada",
  });
  const guest = await openGuest(browser, room.link);
  const other = { context: owner.context, page: owner.page };
  await other.page.goto(room.link);
  try {
    // Pre-join: the room's name decrypted in the browser, who invited, the page title.
    await expect(guest.page.getByTestId("room-name")).toHaveText("Friday retro");
    await expect(guest.page.getByTestId("invited-by")).toHaveText("Ada invited you to");
    await expect(guest.page.getByText("Bring your notes")).toBeVisible();
    await expect(guest.page).toHaveTitle("Friday retro — Loop");

    await join(guest.page, "Grace");
    await expect(guest.page.getByTestId("waiting")).toBeVisible();
    await expect(guest.page.getByTestId("call-title")).toHaveText("Friday retro");

    await join(other.page, "Owner");
    await expect(guest.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Owner");
    await expect(other.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Grace");
    await expect(guest.page.getByTestId("waiting")).toHaveCount(0);

    // Each side decodes the other's video and receives audio packets.
    for (const page of [guest.page, other.page]) {
      await expect.poll(() => maxFramesDecoded(page), { timeout: 20_000 }).toBeGreaterThan(10);
      await expect.poll(async () => (await inboundStats(page)).audioPackets, { timeout: 20_000 }).toBeGreaterThan(0);
    }

    // Chat both ways, links clickable, markup shown as text.
    await guest.page.getByRole("button", { name: "Chat" }).click();
    await guest.page.getByLabel("Message").fill("hello <b>there</b> https://example.org/x");
    await guest.page.getByRole("button", { name: "Send" }).click();
    await other.page.getByRole("button", { name: "Chat" }).click();
    const received = other.page.getByTestId("chat-message").filter({ hasText: "hello" });
    await expect(received).toContainText("hello <b>there</b>");
    await expect(received.getByRole("link", { name: "https://example.org/x" })).toHaveAttribute("href", "https://example.org/x");
    await other.page.getByLabel("Message").fill("hi Grace");
    await other.page.keyboard.press("Enter");
    await expect(guest.page.getByTestId("chat-message").filter({ hasText: "hi Grace" })).toContainText("Owner");

    // Mute shows on the other side.
    await guest.page.getByTestId("toggle-audio").click();
    await expect(guest.page.getByTestId("toggle-audio")).toHaveAttribute("aria-pressed", "true");
    await expect(other.page.getByTestId("tile-remote").getByText("Microphone muted")).toBeAttached();
    await guest.page.keyboard.press("m");
    await expect(guest.page.getByTestId("toggle-audio")).toHaveAttribute("aria-pressed", "false");

    // Screen sharing: a second video track arrives and is decoded on the other side.
    await guest.page.getByTestId("toggle-share").click();
    await expect(other.page.getByTestId("tile-screen")).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => liveVideoStreams(other.page), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await guest.page.getByTestId("toggle-share").click();
    await expect(other.page.getByTestId("tile-screen")).toHaveCount(0, { timeout: 15_000 });

    // The guest leaves; the other page shows them gone within a few seconds.
    await guest.page.getByRole("button", { name: "Leave" }).click();
    await expect(guest.page.getByTestId("ended")).toBeVisible();
    await expect(guest.page.getByRole("heading", { name: "You left the conversation" })).toBeVisible();
    await expect(other.page.getByTestId("tile-remote")).toHaveCount(0, { timeout: 5_000 });
    await expect(other.page.getByTestId("waiting")).toBeVisible();
    await expect.poll(async () => (await room.participants()).map((p) => [p.displayName, p.owner])).toEqual([["Owner", true]]);
  } finally {
    await closeAll(guest.context, other.context);
  }
});
