"use client";
import { useEffect, useRef, useState } from "react";
import { t } from "@/lib/i18n";
import { useMicLevel } from "./use-mic-level";

type State = { kind: "idle" } | { kind: "asking" } | { kind: "live"; stream: MediaStream } | { kind: "denied" };

export function DeviceCheck() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const video = useRef<HTMLVideoElement>(null);
  const stream = state.kind === "live" ? state.stream : null;
  const level = useMicLevel(stream);

  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
    return () => stream?.getTracks().forEach((tr) => tr.stop());
  }, [stream]);

  async function start() {
    setState({ kind: "asking" });
    try {
      const s = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      setState({ kind: "live", stream: s });
    } catch {
      setState({ kind: "denied" });
    }
  }

  return (
    <section className="flex flex-col gap-4" aria-live="polite">
      <div className="relative aspect-video overflow-hidden rounded-2xl bg-slate-900">
        <video ref={video} autoPlay playsInline muted className="size-full -scale-x-100 object-cover" data-testid="check-preview" />
      </div>
      {state.kind === "live" && (
        <>
          <p className="font-medium text-emerald-700" data-testid="check-ok">
            {t("check.ok")}
          </p>
          <div>
            <span id="mic-level-label" className="text-sm text-slate-600">
              {t("check.micLevel")}
            </span>
            <div
              role="meter"
              aria-labelledby="mic-level-label"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(level * 100)}
              className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full bg-emerald-500 transition-[width]" style={{ width: `${Math.round(level * 100)}%` }} />
            </div>
          </div>
        </>
      )}
      {state.kind === "denied" && (
        <p role="alert" className="rounded-xl bg-amber-50 p-4 text-amber-900 ring-1 ring-amber-200">
          {t("check.denied")}
        </p>
      )}
      {state.kind !== "live" && (
        <button
          type="button"
          onClick={start}
          disabled={state.kind === "asking"}
          className="self-start rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white shadow hover:bg-brand-700 disabled:opacity-60"
        >
          {state.kind === "denied" ? t("check.retry") : t("check.start")}
        </button>
      )}
    </section>
  );
}
