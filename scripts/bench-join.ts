/**
 * `npm run bench:join`: how long a guest waits, from clicking "Join now" to the first decoded
 * frame of the other participant's video, and how long the room's owner waits to see the
 * guest's name on the dashboard. Starts the production build (run `next build` first;
 * NEXT_DIST_DIR is honoured) on a fresh database, signs an owner up in Chromium (dashboard
 * open), creates a room there, keeps one participant with a fake camera in it, then joins a
 * fresh guest BENCH_RUNS times (default 20) and reports every run, median and p95, and the
 * page clock's marks per phase (window.__loopDebug.marks: join answered, signaling welcome,
 * first offer, ICE connected, DTLS connected, first frame). Uses the p2p provider on
 * 127.0.0.1, so the figure is our own work (API join + signaling + WebRTC set-up), not
 * network distance. The machine's load average is printed with the figures.
 *   npm run bench:join
 *   BENCH_BASE_URL=http://127.0.0.1:3000 npm run bench:join   # against a running server
 */
import { loadavg } from "node:os";
import { randomBytes } from "node:crypto";
import { chromium, type Browser, type Page } from "@playwright/test";
import { startServer, type RunningServer } from "../tests/support/server";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
/**
 * A/B trial (BENCH_AB=variant[,variant…]): the runs take turns between the normal start and
 * each variant of localStorage `loop.debug.trial` (lib/client/media/marks.ts), set in
 * both pages before the run, so every variant is measured under the same load; a summary per
 * variant follows the totals.
 */
const VARIANTS = ["", ...(process.env.BENCH_AB ?? "").split(",").filter(Boolean)];
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** An owner signed up through the UI, on the dashboard, with one room made there. */
async function ownerWithRoom(browser: Browser, base: string) {
  const ctx = await browser.newContext({ baseURL: base });
  const page = await ctx.newPage();
  await page.goto("/sign-up?callbackUrl=/dashboard");
  await page.getByLabel("Your name").fill("Bench Owner");
  await page.getByLabel("Email address").fill(`bench-${randomBytes(5).toString("hex")}@example.test`);
  await page.getByRole("textbox", { name: "Password" }).fill(`pw-${randomBytes(8).toString("hex")}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((u) => u.pathname === "/dashboard");
  await page.getByRole("button", { name: "Create your first room" }).click();
  const dialog = page.getByRole("dialog", { name: "New room" });
  await dialog.getByLabel("Room name").fill("Join benchmark");
  await dialog.getByRole("button", { name: "Create room" }).click();
  const link = await page.getByTestId("created-room-link").inputValue();
  await page.getByRole("dialog", { name: "Room created" }).getByRole("button", { name: "Done" }).click();
  return { ctx, page, link };
}

/** Resolves with the wall-clock time (ms, page's high-resolution clock) the name shows on the owner's room card. */
function whenNameShows(owner: Page, name: string): Promise<number> {
  // A string, not a function: tsx's keepNames would reference a helper the page lacks.
  return owner.evaluate(`new Promise((resolve, reject) => {
    const who = ${JSON.stringify(name)};
    const seen = () => [...document.querySelectorAll('[data-testid="room-participants"]')].some((el) => el.textContent.includes(who));
    if (seen()) return resolve(performance.timeOrigin + performance.now());
    const obs = new MutationObserver(() => {
      if (!seen()) return;
      obs.disconnect();
      resolve(performance.timeOrigin + performance.now());
    });
    obs.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => { obs.disconnect(); reject(new Error(who + " not shown within 30 s")); }, 30000);
  })`);
}

/** The order of the phases in the breakdown (marks of window.__loopDebug, guest page). */
const PHASES = ["joinAnswered", "signalOpen", "welcome", "offerReceived", "answerReceived", "peer", "iceConnected", "connected", "track", "firstFrame"];

function quantile(sorted: number[], q: number) {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
function median(sorted: number[]) {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}
function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return `median ${median(s).toFixed(0)} ms, p95 ${quantile(s, 0.95).toFixed(0)} ms, p99 ${quantile(s, 0.99).toFixed(0)} ms, min ${s[0].toFixed(0)} ms, max ${s[s.length - 1].toFixed(0)} ms`;
}
const load = () => loadavg().map((l) => l.toFixed(1)).join(" / ");

async function joinWhenReady(page: Page, name: string) {
  await page.getByTestId("prejoin").waitFor();
  // Camera live in the preview: what a person sees before they click.
  await page.waitForFunction(() => (document.querySelector('[data-testid="preview"]') as HTMLVideoElement | null)?.readyState! >= 2);
  await page.getByLabel("Your name").fill(name);
}

/**
 * Clicks Join and returns the page clock's marks relative to the click (firstFrame: the first
 * decoded remote video frame) and the click's wall-clock time.
 */
async function timeToFirstFrame(page: Page): Promise<{ marks: Record<string, number>; clickedAt: number }> {
  await page.getByRole("button", { name: "Join now" }).click();
  // No named functions inside: tsx's keepNames would reference a helper the page lacks.
  return page.evaluate(async () => {
    type Hook = { peerConnections(): RTCPeerConnection[]; marks: Record<string, number> };
    const host = window as unknown as { __loopDebug?: Hook };
    const deadline = performance.now() + 30_000;
    while (performance.now() < deadline) {
      for (const pc of host.__loopDebug?.peerConnections() ?? []) {
        const report = await pc.getStats();
        let decoded = 0;
        report.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
          if (s.type === "inbound-rtp" && s.kind === "video") decoded += s.framesDecoded ?? 0;
        });
        const clicked = host.__loopDebug?.marks.joinClick;
        if (decoded > 0 && clicked !== undefined) {
          const now = performance.now();
          const marks: Record<string, number> = { firstFrame: now - clicked };
          for (const [k, v] of Object.entries(host.__loopDebug?.marks ?? {})) if (k !== "joinClick") marks[k] = v - clicked;
          return { marks, clickedAt: performance.timeOrigin + clicked };
        }
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error("no remote frame within 30 s");
  });
}

/** What each peer connection of a page is doing, for a failed run's report. */
function peerStates(page: Page) {
  return page.evaluate(async () => {
    const host = window as unknown as { __loopDebug?: { peerConnections(): RTCPeerConnection[]; log(): string[] } };
    const out: string[] = [...(host.__loopDebug?.log().slice(-40) ?? [])];
    for (const pc of host.__loopDebug?.peerConnections() ?? []) {
      let frames = 0;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
        if (s.type === "inbound-rtp" && s.kind === "video") frames += s.framesDecoded ?? 0;
      });
      out.push(`${pc.signalingState}/${pc.iceConnectionState}/${pc.connectionState} transceivers=${pc.getTransceivers().length} frames=${frames}`);
    }
    return out;
  });
}

async function main() {
  let server: RunningServer | undefined;
  const base = process.env.BENCH_BASE_URL ?? (server = await startServer({ LOG_LEVEL: "warn" }, "bench-join")).url;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      "--autoplay-policy=no-user-gesture-required",
    ],
  });
  try {
    const owner = await ownerWithRoom(browser, base);
    const link = owner.link;
    const hostCtx = await browser.newContext({ permissions: ["camera", "microphone"] });
    const host = await hostCtx.newPage();
    await host.goto(link);
    await joinWhenReady(host, "Host");
    await host.getByRole("button", { name: "Join now" }).click();
    await host.getByTestId("in-call").waitFor();

    const times: number[] = [];
    const ownerTimes: number[] = [];
    const phases = new Map<string, number[]>();
    const loads: number[] = [];
    const byVariant = new Map<string, Record<string, number>[]>();
    for (let i = 0; i <= RUNS; i++) {
      const variant = VARIANTS[i % VARIANTS.length];
      const ctx = await browser.newContext({ permissions: ["camera", "microphone"] });
      const page = await ctx.newPage();
      await page.goto(link);
      for (const p of [page, host]) {
        await p.evaluate(
          (v) => (v ? localStorage.setItem("loop.debug.trial", v) : localStorage.removeItem("loop.debug.trial")),
          variant,
        );
      }
      const name = `Guest ${i} ${randomBytes(3).toString("hex")}`;
      await joinWhenReady(page, name);
      const shown = whenNameShows(owner.page, name);
      const { marks, clickedAt } = await timeToFirstFrame(page).catch(async (err) => {
        console.error("guest:", await peerStates(page), "\nhost:", await peerStates(host));
        throw err;
      });
      const ownerMs = (await shown) - clickedAt;
      // Run 0 warms the server's route code and Chromium's codecs; it is not counted.
      if (i > 0) {
        times.push(marks.firstFrame);
        ownerTimes.push(ownerMs);
        loads.push(loadavg()[0]);
        for (const [k, v] of Object.entries(marks)) phases.set(k, [...(phases.get(k) ?? []), v]);
        byVariant.set(variant, [...(byVariant.get(variant) ?? []), marks]);
        const trail = PHASES.filter((p) => marks[p] !== undefined)
          .map((p) => `${p} ${marks[p].toFixed(0)}`)
          .join(", ");
        console.log(`run ${String(i).padStart(2)}${variant ? ` [${variant}]` : ""}: ${marks.firstFrame.toFixed(0)} ms (owner sees name ${ownerMs.toFixed(0)} ms; load ${loadavg()[0].toFixed(1)}) — ${trail}`);
      }
      await page.getByRole("button", { name: "Leave" }).click();
      await page.getByTestId("ended").waitFor();
      await ctx.close();
      // Let the host drop the previous guest before the next one arrives.
      await host.getByTestId("waiting").waitFor({ timeout: 10_000 });
    }
    console.log(`\njoin click → first remote frame over ${times.length} runs: ${summary(times)}`);
    console.log(`join click → guest's name on the owner's dashboard over ${ownerTimes.length} runs: ${summary(ownerTimes)}`);
    console.log(`load average (1 min) during the runs: ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; now ${load()}`);
    console.log("\nphase breakdown (page clock, ms after the click; median / p95 over the runs that had the mark):");
    for (const p of PHASES) {
      const v = phases.get(p);
      if (!v?.length) continue;
      const s = [...v].sort((a, b) => a - b);
      console.log(`  ${p.padEnd(15)} ${median(s).toFixed(0).padStart(5)} / ${quantile(s, 0.95).toFixed(0).padStart(5)}   (${v.length} runs)`);
    }
    if (VARIANTS.length > 1) {
      console.log("\nA/B (same load, runs taking turns): click → first frame, connected → first frame");
      for (const [v, runs] of byVariant) {
        const ff = runs.map((m) => m.firstFrame);
        const tail = runs.filter((m) => m.connected !== undefined).map((m) => m.firstFrame - m.connected);
        console.log(`  ${(v || "(normal)").padEnd(20)} ${summary(ff)}\n  ${"".padEnd(20)} connected → frame: ${summary(tail)}`);
        const medians = PHASES.map((p) => {
          const xs = runs.map((m) => m[p]).filter((x) => x !== undefined).sort((a, b) => a - b);
          return xs.length ? `${p} ${median(xs).toFixed(0)}` : "";
        }).filter(Boolean);
        console.log(`  ${"".padEnd(20)} phase medians: ${medians.join(", ")}`);
      }
    }
    await hostCtx.close();
    await owner.ctx.close();
  } finally {
    await browser.close();
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
