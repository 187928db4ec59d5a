import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

/**
 * Headers (issue 11): a nonce-based CSP on every page, nosniff everywhere, and HSTS when
 * PUBLIC_URL is https (a server behind a TLS-terminating proxy).
 */
const base = inject("apiUrl");
let https: RunningServer;

beforeAll(async () => {
  https = await startServer({ PUBLIC_URL: "https://loop.example" }, "headers-https");
});
afterAll(async () => {
  await https?.stop();
});

describe("security headers", () => {
  it("pages: a fresh nonce-based CSP each time; API answers: nosniff, no CSP needed", async () => {
    const a = await fetch(`${base}/sign-in`, { headers: { Accept: "text/html" } });
    const b = await fetch(`${base}/sign-in`, { headers: { Accept: "text/html" } });
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toMatch(/script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic'/);
    expect(b.headers.get("content-security-policy")).not.toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    const html = await a.text();
    // Every script of the page carries this response's nonce.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
    expect(a.headers.get("strict-transport-security")).toBeNull();

    const api = await fetch(`${base}/push-server-config`);
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("HSTS when PUBLIC_URL is https, on pages and API answers; the CSP upgrades insecure requests", async () => {
    const page = await fetch(`${https.url}/sign-in`, { headers: { Accept: "text/html" } });
    expect(page.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(page.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    const api = await fetch(`${https.url}/push-server-config`);
    expect(api.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});
