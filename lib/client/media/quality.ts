/**
 * A participant's connection quality as a hint a person understands (good / fair / poor),
 * from two samples of WebRTC statistics a few seconds apart.
 */
export type Quality = "good" | "fair" | "poor" | "unknown";

export type QualitySample = {
  /** Sum over inbound RTP streams. */
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, of the selected candidate pair; undefined when not known yet. */
  roundTripTime?: number;
};

export function classifyQuality(prev: QualitySample | undefined, cur: QualitySample): Quality {
  const rtt = cur.roundTripTime;
  if (!prev) return rtt === undefined ? "unknown" : rttQuality(rtt);
  const received = Math.max(0, cur.packetsReceived - prev.packetsReceived);
  const lost = Math.max(0, cur.packetsLost - prev.packetsLost);
  const total = received + lost;
  // No packets at all in the window while we expect media: the link is stalled.
  if (total === 0) return rtt === undefined ? "unknown" : "poor";
  const loss = lost / total;
  const byLoss: Quality = loss > 0.08 ? "poor" : loss > 0.02 ? "fair" : "good";
  const byRtt = rtt === undefined ? "good" : rttQuality(rtt);
  return worst(byLoss, byRtt);
}

function rttQuality(rtt: number): Quality {
  return rtt > 0.5 ? "poor" : rtt > 0.25 ? "fair" : "good";
}

const rank: Record<Quality, number> = { unknown: 0, good: 1, fair: 2, poor: 3 };
function worst(a: Quality, b: Quality): Quality {
  return rank[a] >= rank[b] ? a : b;
}

/** Reads the numbers classifyQuality needs from an RTCStatsReport. */
export function sampleFromStats(report: RTCStatsReport): QualitySample {
  const s: QualitySample = { packetsReceived: 0, packetsLost: 0 };
  let pairId: string | undefined;
  report.forEach((st: { type: string; [k: string]: unknown }) => {
    if (st.type === "inbound-rtp") {
      s.packetsReceived += Number(st.packetsReceived ?? 0);
      s.packetsLost += Math.max(0, Number(st.packetsLost ?? 0));
    } else if (st.type === "transport" && typeof st.selectedCandidatePairId === "string") {
      pairId = st.selectedCandidatePairId;
    }
  });
  report.forEach((st: { type: string; [k: string]: unknown }) => {
    const selected = pairId ? st.id === pairId : st.type === "candidate-pair" && st.nominated === true && st.state === "succeeded";
    if (st.type === "candidate-pair" && selected && typeof st.currentRoundTripTime === "number") {
      s.roundTripTime = st.currentRoundTripTime;
    }
  });
  return s;
}
