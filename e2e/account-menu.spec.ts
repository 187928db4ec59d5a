import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signUpOwner } from "./owner-helpers";

/** The account menu in the dashboard header: on every signed-in page, at 360 px too, with Sign out. */
test.describe.configure({ timeout: 120_000 });

test("every dashboard page has the account menu with the person's name and Sign out; 360 px has no horizontal scroll; axe clean", async ({ browser }) => {
  const owner = await signUpOwner(browser, "Menu Person", { viewport: { width: 360, height: 740 } });
  const { page } = owner;
  for (const path of ["/dashboard", "/dashboard/links", "/dashboard/contacts", "/dashboard/account"]) {
    await page.goto(path);
    const menu = page.getByTestId("account-menu");
    const button = menu.getByRole("button", { name: "Menu Person — account menu" });
    await expect(button).toBeVisible();
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await button.click();
    await expect(button).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByText(owner.email)).toBeVisible();
    await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    // Escape closes it and gives focus back to the button.
    await page.keyboard.press("Escape");
    await expect(button).toHaveAttribute("aria-expanded", "false");
    await expect(button).toBeFocused();
  }
  await page.goto("/dashboard/contacts");
  await page.getByRole("button", { name: "Menu Person — account menu" }).click();
  await page.getByTestId("account-menu").getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in/);
  await owner.context.close();
});
