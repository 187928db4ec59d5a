import { config } from "../config";
import { capReached } from "../limits";
import { log } from "../log";
import { processState } from "../process-state";

/**
 * Open event streams per identity and per client address (contract §1 "Limits"), counted in
 * this instance. Past STREAMS_MAX_PER_IDENTITY the identity's oldest stream is closed at once
 * (a reloaded tab gets its new stream; a leaked token cannot hold more than the cap); past
 * STREAMS_MAX_PER_ADDRESS a new stream is refused with 429 / 116.
 */
type Open = { identity: string; address: string; close: () => void; released: boolean };

// Shared by every route bundle of this process.
const { byIdentity, byAddress } = processState("streamCaps", () => ({ byIdentity: new Map<string, Open[]>(), byAddress: new Map<string, number>() }));

/**
 * Admits a stream before it opens. Returns `register(close)` to call once the stream can be
 * closed, and `release()` for when it ends. Throws 429 / 116 when the address is at its cap.
 */
export function admitStream(identity: string, address: string) {
  const caps = config().caps;
  const atAddress = byAddress.get(address) ?? 0;
  if (atAddress >= caps.streamsPerAddress) {
    log.info("stream.refused", { reason: "address cap" });
    throw capReached("open event streams from this address", caps.streamsPerAddress, 30);
  }
  byAddress.set(address, atAddress + 1);
  const entry: Open = { identity, address, close: () => {}, released: false };
  const list = byIdentity.get(identity) ?? [];
  list.push(entry);
  byIdentity.set(identity, list);
  while (list.length > caps.streamsPerIdentity) {
    const oldest = list.shift()!;
    log.info("stream.evicted", { reason: "identity cap" });
    release(oldest);
    oldest.close();
  }
  return {
    register(close: () => void) {
      entry.close = close;
    },
    release() {
      release(entry);
    },
  };
}

function release(entry: Open) {
  if (entry.released) return;
  entry.released = true;
  const list = byIdentity.get(entry.identity);
  if (list) {
    const i = list.indexOf(entry);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) byIdentity.delete(entry.identity);
  }
  const n = (byAddress.get(entry.address) ?? 1) - 1;
  if (n > 0) byAddress.set(entry.address, n);
  else byAddress.delete(entry.address);
}

/** Streams open in this instance (for tests and the log). */
export function openStreamCount(identity?: string) {
  if (identity) return byIdentity.get(identity)?.length ?? 0;
  let n = 0;
  for (const l of byIdentity.values()) n += l.length;
  return n;
}
