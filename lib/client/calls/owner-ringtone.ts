/**
 * The ring of an incoming call, synthesised with WebAudio (two-tone, 2 s on / 4 s off like a
 * telephone): no audio file to fetch. A browser that refuses sound before any click simply
 * stays silent; the dialog and the notification still ring.
 */
export class Ringtone {
  private ctx: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  start() {
    if (this.timer) return;
    try {
      this.ctx = new AudioContext();
      void this.ctx.resume().catch(() => {});
    } catch {
      this.ctx = null;
      return;
    }
    this.burst();
    this.timer = setInterval(() => this.burst(), 6000);
  }

  private burst() {
    const ctx = this.ctx;
    if (!ctx) return;
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(ctx.destination);
    const t0 = ctx.currentTime;
    for (const f of [440, 480]) {
      const o = ctx.createOscillator();
      o.frequency.value = f;
      o.connect(gain);
      o.start(t0);
      o.stop(t0 + 2);
    }
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(0.08, t0 + 0.05);
    gain.gain.setValueAtTime(0.08, t0 + 1.95);
    gain.gain.linearRampToValueAtTime(0, t0 + 2);
  }

  /** Whether sound is really playing (tests read it). */
  get playing() {
    return !!this.timer && this.ctx?.state === "running";
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.ctx?.close().catch(() => {});
    this.ctx = null;
  }
}
