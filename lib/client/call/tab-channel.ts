/**
 * Tabs of the same browser open on the same room talk over a BroadcastChannel, so joining
 * twice is handled: a new tab learns that another one is already in the call and offers to
 * "join here", which asks the other tab to leave.
 */
type Message = { type: "probe" } | { type: "in-call" } | { type: "take-over" };

export class TabChannel {
  private ch: BroadcastChannel | null = null;

  constructor(
    name: string,
    private readonly on: { otherInCall(): void; takeOver(): void; isInCall(): boolean },
  ) {
    if (typeof BroadcastChannel === "undefined") return;
    this.ch = new BroadcastChannel(`loop:${name}`);
    this.ch.onmessage = (e: MessageEvent<Message>) => {
      const m = e.data;
      if (m?.type === "probe" && this.on.isInCall()) this.post({ type: "in-call" });
      else if (m?.type === "in-call") this.on.otherInCall();
      else if (m?.type === "take-over" && this.on.isInCall()) this.on.takeOver();
    };
  }

  private post(m: Message) {
    this.ch?.postMessage(m);
  }

  /** Asks whether another tab is in the call; the answer arrives through otherInCall(). */
  probe() {
    this.post({ type: "probe" });
  }

  announceInCall() {
    this.post({ type: "in-call" });
  }

  takeOver() {
    this.post({ type: "take-over" });
  }

  close() {
    this.ch?.close();
    this.ch = null;
  }
}
