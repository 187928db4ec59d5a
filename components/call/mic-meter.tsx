"use client";
import { t } from "@/lib/i18n";
import { useMicLevel } from "./use-mic-level";

/** A live microphone level bar; its own component so 60 updates a second re-render only it. */
export function MicMeter({ stream, enabled = true }: { stream: MediaStream | null; enabled?: boolean }) {
  const level = useMicLevel(enabled ? stream : null);
  const pct = Math.round(level * 100);
  return (
    <div
      role="meter"
      aria-label={t("guest.devices.micLevel")}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      className="h-1.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full rounded-full bg-emerald-500 transition-[width] duration-75" style={{ width: `${pct}%` }} />
    </div>
  );
}
