import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * The `test` every spec imports: Playwright's, plus a guard that fails the test when any page
 * it opened reported a Content-Security-Policy violation (issue 11: every page works under the
 * CSP). Contexts made with `browser.newContext()` / `browser.newPage()` in a spec are watched
 * as well as the default `context`. A page reports violations in its console, and an init
 * script also logs each `securitypolicyviolation` event, so none goes unnoticed.
 *
 *   import { expect, test } from "./support/test";
 */
export * from "@playwright/test";

const CSP_MESSAGE = /Content[- ]Security[- ]Policy/i;

type Violations = { list: string[] };

function watchPage(page: Page, v: Violations) {
  page.on("console", (m) => {
    if (CSP_MESSAGE.test(m.text())) v.list.push(`${page.url()} — ${m.text()}`);
  });
}

async function watchContext(ctx: BrowserContext, v: Violations) {
  const marked = ctx as BrowserContext & { __cspWatched?: boolean };
  if (marked.__cspWatched) return;
  marked.__cspWatched = true;
  await ctx.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  for (const p of ctx.pages()) watchPage(p, v);
  ctx.on("page", (p) => watchPage(p, v));
}

function patchBrowser(browser: Browser, v: Violations) {
  const b = browser as Browser & { __cspPatched?: boolean };
  if (b.__cspPatched) return;
  b.__cspPatched = true;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const ctx = await newContext(options);
    await watchContext(ctx, v);
    return ctx;
  };
  browser.newPage = async (options) => {
    const ctx = await browser.newContext(options);
    const page = await ctx.newPage();
    // As Playwright's own newPage: closing the page closes its context.
    page.once("close", () => void ctx.close().catch(() => {}));
    return page;
  };
}

export const test = base.extend<{ cspGuard: void }, { cspViolations: Violations }>({
  cspViolations: [
    async ({ browser }, use) => {
      const v: Violations = { list: [] };
      patchBrowser(browser, v);
      await use(v);
    },
    { scope: "worker", auto: true },
  ],
  cspGuard: [
    async ({ context, cspViolations }, use) => {
      cspViolations.list.length = 0;
      await watchContext(context, cspViolations);
      await use();
      expect(cspViolations.list, "Content-Security-Policy violations reported in the console").toEqual([]);
    },
    { auto: true },
  ],
});
