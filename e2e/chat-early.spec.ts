import { expect, test } from "./support/test";
import { signUpOwner } from "./owner-helpers";
import { createRoomAsWebUser } from "./support/loop-api";
import { closeAll, join, openGuest, sendChat } from "./support/guest";

// A message typed the moment the other person appears, while the direct connection is still
// being set up, reaches them once it is up (it used to be dropped without a word).
test("a chat message sent before the connection is up is delivered once it is", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const owner = await signUpOwner(browser, "Ada");
  const room = await createRoomAsWebUser(owner.page.request, baseURL!, { roomName: "Early words", roomOwner: "Ada" });
  await owner.page.goto(room.link);
  await join(owner.page, "Ada");

  const guest = await openGuest(browser, room.link);
  try {
    // Hold the guest's signaling messages (its answer and candidates) back for a while, so the
    // connection is still opening when the guest writes.
    let holdUntil = 0;
    await guest.page.route("**/video/signal", async (route) => {
      if (route.request().method() === "POST") {
        while (Date.now() < holdUntil) await new Promise((r) => setTimeout(r, 100));
      }
      await route.continue();
    });
    holdUntil = Date.now() + 60_000;
    await join(guest.page, "Grace");
    await expect(guest.page.getByTestId("tile-remote")).toHaveAttribute("data-participant", "Ada");
    await sendChat(guest.page, "hello before the video");
    // Shown at once on the sender's side, as any sent message.
    await expect(guest.page.getByTestId("chat-message").filter({ hasText: "hello before the video" })).toBeVisible();

    // Now let the connection happen: the message arrives.
    holdUntil = 0;
    await owner.page.getByRole("button", { name: "Chat" }).click();
    await expect(owner.page.getByTestId("chat-message").filter({ hasText: "hello before the video" })).toContainText("Grace", {
      timeout: 30_000,
    });
  } finally {
    await closeAll(guest.context, owner.context);
  }
});
