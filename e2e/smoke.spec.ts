import { expect, test } from "./support/test";

test("the landing page says what Loop is and links to sign-in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Loop/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Video calls from a link");
  await expect(page.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in");
});

test("the device check obtains the camera and microphone and shows live video", async ({ page }) => {
  await page.goto("/check");
  await page.getByRole("button", { name: "Start the check" }).click();
  await expect(page.getByTestId("check-ok")).toBeVisible();
  // Real media: the preview is playing frames from the (fake) camera, and a live audio track exists.
  await expect
    .poll(() => page.getByTestId("check-preview").evaluate((v: HTMLVideoElement) => v.videoWidth * (v.readyState >= 2 ? 1 : 0)))
    .toBeGreaterThan(0);
  const tracks = await page
    .getByTestId("check-preview")
    .evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).getTracks().map((t) => `${t.kind}:${t.readyState}`));
  expect(tracks.sort()).toEqual(["audio:live", "video:live"]);
  await expect(page.getByRole("meter", { name: "Microphone level" })).toBeVisible();
});
