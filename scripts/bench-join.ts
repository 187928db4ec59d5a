/**
 * `npm run bench:join`: how long a guest waits, from clicking "Join now" to the first decoded
 * frame of the other participant's video. Starts the production build (run `next build`
 * first; NEXT_DIST_DIR is honoured) on a fresh database, opens a room in Chromium with a fake
 * camera, keeps one participant in it, then joins a fresh guest BENCH_RUNS times (default 10)
 * and reports every run and the median. Uses the p2p provider on 127.0.0.1, so the figure is
 * our own work (API join + signaling + WebRTC set-up), not network distance.
 *   npm run bench:join
 *   BENCH_BASE_URL=http://127.0.0.1:3000 npm run bench:join   # against a running server
 */
import { chromium, type Page } from "@playwright/test";
import { encryptRoomContext, generateRoomKey } from "../lib/client/room-crypto";
import { LoopClient } from "../tests/support/loop-client";
import { startServer, type RunningServer } from "../tests/support/server";

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function createRoom(base: string) {
  const owner = new LoopClient(base);
  await owner.register();
  const key = await generateRoomKey();
  const context = await encryptRoomContext(key, { roomName: "Join benchmark" }, "bench");
  const r = await owner.post("/rooms", { context, roomOwner: "Bench", maxSize: 5 });
  if (r.status !== 201) throw new Error(`POST /rooms: ${r.status} ${r.text}`);
  return `${base}/${r.body.roomToken}#${key}`;
}

async function joinWhenReady(page: Page, name: string) {
  await page.getByTestId("prejoin").waitFor();
  // Camera live in the preview: what a person sees before they click.
  await page.waitForFunction(() => (document.querySelector('[data-testid="preview"]') as HTMLVideoElement | null)?.readyState! >= 2);
  await page.getByLabel("Your name").fill(name);
}

/** Clicks Join and returns ms from the click to the first decoded remote video frame (in-page clock). */
async function timeToFirstFrame(page: Page): Promise<number> {
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
        if (decoded > 0 && clicked !== undefined) return performance.now() - clicked;
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
    const link = await createRoom(base);
    const hostCtx = await browser.newContext({ permissions: ["camera", "microphone"] });
    const host = await hostCtx.newPage();
    await host.goto(link);
    await joinWhenReady(host, "Host");
    await host.getByRole("button", { name: "Join now" }).click();
    await host.getByTestId("in-call").waitFor();

    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const ctx = await browser.newContext({ permissions: ["camera", "microphone"] });
      const page = await ctx.newPage();
      await page.goto(link);
      await joinWhenReady(page, `Guest ${i}`);
      const ms = await timeToFirstFrame(page).catch(async (err) => {
        console.error("guest:", await peerStates(page), "\nhost:", await peerStates(host));
        throw err;
      });
      // Run 0 warms the server's route code and Chromium's codecs; it is not counted.
      if (i > 0) {
        times.push(ms);
        console.log(`run ${String(i).padStart(2)}: ${ms.toFixed(0)} ms`);
      }
      await page.getByRole("button", { name: "Leave" }).click();
      await page.getByTestId("ended").waitFor();
      await ctx.close();
      // Let the host drop the previous guest before the next one arrives.
      await host.getByTestId("waiting").waitFor({ timeout: 10_000 });
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    console.log(
      `join → first remote frame over ${times.length} runs: median ${median.toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`,
    );
    await hostCtx.close();
  } finally {
    await browser.close();
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
