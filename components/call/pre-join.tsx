"use client";
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import type { CallSession } from "@/lib/client/call/call-session";
import { cleanDisplayName, MAX_DISPLAY_NAME } from "@/lib/client/call/prefs";
import { useStore } from "@/lib/client/use-store";
import { t } from "@/lib/i18n";
import { Banner } from "@/components/ui/banner";
import { Spinner } from "@/components/ui/spinner";
import { DevicePickers } from "./device-pickers";
import { PermissionScreen } from "./guest-screens";
import { mediaToggles, sessionMedia } from "./media-toggles";
import { MicMeter } from "./mic-meter";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

type PreJoinProps = {
  call: CallSession;
  intro: ReactNode;
  notice?: ReactNode;
  displayName: string;
  onDisplayName: (v: string) => void;
  onJoin: () => void;
  joinLabel: string;
  heading?: string;
  joining?: boolean;
  askName?: boolean;
  /** Replaces the single join button (e.g. the call link's audio / video choice). */
  actions?: ReactNode;
};

/**
 * Before joining: the pre-join screen, or, while the browser refuses the camera and
 * microphone, the permission screen (how to allow them, or join without).
 */
export function PreJoin(props: PreJoinProps) {
  const { call } = props;
  const { media } = useStore(call);
  if (media === "denied") {
    return <PermissionScreen onRetry={() => void call.openMedia()} onWithout={() => call.continueWithoutMedia()} />;
  }
  return <PreJoinScreen {...props} />;
}

/**
 * What this is (the invitation, given as `intro`), a live preview with camera/microphone
 * toggles, device pickers, a level meter, and the display name.
 */
function PreJoinScreen({
  call,
  intro,
  notice,
  displayName,
  onDisplayName,
  onJoin,
  joinLabel,
  heading = t("guest.prejoin.ready"),
  joining = false,
  askName = true,
  actions,
}: PreJoinProps) {
  const s = useStore(call);
  const [nameError, setNameError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const media = sessionMedia(call, s);
  const { hasAudio, hasVideo } = media;
  const mediaDecided = s.media === "live" || s.media === "none" || s.media === "no-device";

  useEffect(() => {
    if (video.current && video.current.srcObject !== s.local) video.current.srcObject = s.local;
  }, [s.local]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (askName && !cleanDisplayName(displayName)) {
      setNameError(t("guest.prejoin.nameRequired"));
      document.getElementById("display-name")?.focus();
      return;
    }
    if (s.media === "no-device") call.continueWithoutMedia();
    onJoin();
  }

  const showVideo = hasVideo && s.videoEnabled;

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-5xl flex-col gap-6 px-4 py-6 sm:py-10" data-testid="prejoin">
      <div className="grid items-start gap-6 md:grid-cols-[1.3fr_1fr] md:gap-10">
        <section className="order-2 flex flex-col gap-3 md:order-1" aria-label={t("guest.prejoin.preview")}>
          <div className="relative aspect-video w-full overflow-hidden rounded-2xl bg-slate-900">
            <video
              ref={video}
              autoPlay
              playsInline
              muted
              data-testid="preview"
              className={`size-full -scale-x-100 object-cover ${showVideo ? "" : "invisible"}`}
            />
            {!showVideo && (
              <div className="absolute inset-0 grid place-items-center p-4 text-center text-slate-200">
                {s.media === "asking" ? (
                  <div className="flex flex-col items-center gap-3">
                    <Spinner label={t("guest.prejoin.asking")} delayMs={400} />
                    <p aria-hidden>{t("guest.prejoin.asking")}</p>
                  </div>
                ) : s.media === "live" && hasVideo ? (
                  <p>{t("guest.prejoin.cameraOff")}</p>
                ) : s.media === "none" || (s.media === "live" && !hasVideo) ? (
                  <p>{t("guest.prejoin.noMedia")}</p>
                ) : null}
              </div>
            )}
            {s.media === "live" && (
              <div className="absolute inset-x-0 bottom-3 flex justify-center gap-3">
                {mediaToggles(media).map((m) => (
                  <button
                    key={m.kind}
                    type="button"
                    aria-label={m.label}
                    aria-pressed={!m.on}
                    disabled={!m.available}
                    onClick={m.toggle}
                    data-testid={`prejoin-${m.kind}`}
                    className={`grid size-12 place-items-center rounded-full text-white shadow disabled:opacity-50 ${
                      m.on ? "bg-slate-700/90 hover:bg-slate-600" : "bg-red-600 hover:bg-red-700"
                    }`}
                  >
                    {m.icon}
                  </button>
                ))}
              </div>
            )}
          </div>
          {s.media === "live" && hasAudio && <MicMeter stream={s.local} enabled={s.audioEnabled} />}
          {(s.media === "no-device" || s.media === "in-use" || s.media === "error") && (
            <Banner tone="warning" alert>
              <p>
                {s.media === "no-device"
                  ? t("guest.prejoin.noDevice")
                  : s.media === "in-use"
                    ? t("guest.prejoin.inUse")
                    : t("guest.prejoin.mediaError")}
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <Button variant="secondary" onClick={() => void call.openMedia()}>
                  {t("guest.retry")}
                </Button>
                {s.media !== "no-device" && (
                  <Button variant="ghost" onClick={() => call.continueWithoutMedia()}>
                    {t("guest.prejoin.joinWithoutMedia")}
                  </Button>
                )}
              </div>
            </Banner>
          )}
          {s.media === "live" && <DevicePickers call={call} state={s} />}
        </section>

        <section className="order-1 flex flex-col gap-5 md:order-2 md:pt-4">
          {intro}
          {notice}
          <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
            <h2 className="text-lg font-semibold">{heading}</h2>
            {askName && (
              <TextField
                id="display-name"
                label={t("guest.prejoin.nameLabel")}
                hint={t("guest.prejoin.nameHint")}
                error={nameError}
                value={displayName}
                maxLength={MAX_DISPLAY_NAME}
                autoComplete="name"
                required
                onChange={(e) => {
                  onDisplayName(e.target.value);
                  if (nameError && e.target.value.trim()) setNameError(null);
                }}
                data-testid="display-name"
              />
            )}
            {actions ?? (
              <Button type="submit" disabled={!mediaDecided || joining} className="w-full sm:w-auto" data-testid="join">
                {joining ? <Spinner label={t("guest.joining")} className="size-5" /> : null}
                {joining ? t("guest.joining") : joinLabel}
              </Button>
            )}
          </form>
          <p className="text-sm text-slate-600">{t("guest.prejoin.legal")}</p>
        </section>
      </div>
    </main>
  );
}
