import type { Page } from "@playwright/test";

/**
 * Real-media checks: the page exposes its RTCPeerConnections on window.__loopDebug; these
 * read their inbound-rtp statistics (decoded video frames, received audio packets).
 */
export type InboundStats = { videoStreams: number; framesDecoded: number[]; audioPackets: number };

export function inboundStats(page: Page): Promise<InboundStats> {
  return page.evaluate(async () => {
    const hook = (window as unknown as { __loopDebug?: { peerConnections(): RTCPeerConnection[] } }).__loopDebug;
    const pcs: RTCPeerConnection[] = hook?.peerConnections() ?? [];
    const out = { videoStreams: 0, framesDecoded: [] as number[], audioPackets: 0 };
    for (const pc of pcs) {
      const report = await pc.getStats();
      report.forEach((s: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
        if (s.type !== "inbound-rtp") return;
        if (s.kind === "video") {
          out.videoStreams++;
          out.framesDecoded.push(s.framesDecoded ?? 0);
        } else if (s.kind === "audio") {
          out.audioPackets += s.packetsReceived ?? 0;
        }
      });
    }
    return out;
  });
}

/** Frames decoded on the best inbound video stream (the camera, when only one arrives). */
export async function maxFramesDecoded(page: Page) {
  const s = await inboundStats(page);
  return Math.max(0, ...s.framesDecoded);
}

/** Number of inbound video streams that have decoded more than `min` frames. */
export async function liveVideoStreams(page: Page, min = 10) {
  const s = await inboundStats(page);
  return s.framesDecoded.filter((f) => f > min).length;
}
