/**
 * One device's call-progress channel (contract §6, docs/call-progress.md): an SSE stream at
 * `progressURL?token=<websocketToken>` that first names this device (`event: device`), then
 * carries `hello` / `progress` / `error`; the device's own messages are POSTs to the same URL.
 * The server closes the stream when the call is connected or terminated; so does this class,
 * before EventSource could reconnect as a new device.
 */
export type ProgressMessage = { messageType: "hello" | "progress" | "error"; state?: string; reason?: string };

export class ProgressChannel {
  private source: EventSource | null = null;
  private deviceId: string | null = null;
  private closed = false;
  private readonly path: string;

  constructor(
    progressURL: string,
    private readonly callId: string,
    private readonly token: string,
    private readonly onMessage: (m: ProgressMessage) => void,
  ) {
    // Same origin whatever PUBLIC_URL says (a proxy may rewrite the host).
    const u = new URL(progressURL, window.location.href);
    this.path = u.pathname;
  }

  /** Settles when the hello has been answered (or the start failed): actions wait for it. */
  private ready: Promise<void> | null = null;

  /** Opens the stream and says hello; resolves with the hello reply (the state before us). */
  start(): Promise<ProgressMessage> {
    const started = this.open();
    this.ready = started.then(
      () => {},
      () => {},
    );
    return started;
  }

  private async open(): Promise<ProgressMessage> {
    this.deviceId = await new Promise<string>((resolve, reject) => {
      const s = new EventSource(`${this.path}?token=${encodeURIComponent(this.token)}`);
      this.source = s;
      let named = false;
      s.addEventListener("device", (ev) => {
        named = true;
        resolve((JSON.parse((ev as MessageEvent).data) as { deviceId: string }).deviceId);
      });
      for (const type of ["progress", "error"] as const) {
        s.addEventListener(type, (ev) => {
          const data = (ev as MessageEvent).data;
          if (typeof data !== "string") {
            // A transport error (no data): the stream is gone; never reconnect as another device.
            if (!named) reject(new Error("progress stream failed"));
            else if (!this.closed) this.onMessage({ messageType: "error", reason: "closed" });
            this.close();
            return;
          }
          const m = JSON.parse(data) as ProgressMessage;
          this.onMessage(m);
          if (m.messageType === "error" || m.state === "terminated" || m.state === "connected") this.close();
        });
      }
    });
    const reply = await this.post({ messageType: "hello", callId: this.callId });
    if (!reply) throw new Error("no hello reply");
    this.helloDone = true;
    if (reply.state === "terminated" || reply.state === "connected") this.close();
    return reply;
  }

  /**
   * An action as soon as the device may send one: pressed the instant the ring shows, Accept
   * or Decline waits for the stream to name its device and for the hello (at most 5 s).
   */
  async action(event: "accept" | "media-up" | "terminate", reason?: string) {
    if (this.ready && !this.helloDone) {
      await Promise.race([this.ready, new Promise((r) => setTimeout(r, 5000))]);
    }
    return this.post({ messageType: "action", event, ...(reason ? { reason } : {}) });
  }

  private helloDone = false;

  private async post(body: Record<string, unknown>): Promise<ProgressMessage | null> {
    if (!this.deviceId) throw new Error("not started");
    const res = await fetch(this.path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ ...body, auth: this.token, deviceId: this.deviceId }),
    });
    if (res.status === 204) return null;
    const data = (await res.json().catch(() => null)) as ProgressMessage | null;
    if (!res.ok) throw new Error(data?.reason ?? `HTTP ${res.status}`);
    return data;
  }

  close() {
    this.closed = true;
    this.source?.close();
    this.source = null;
  }

  get isOpen() {
    return !this.closed;
  }
}
