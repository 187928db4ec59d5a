"use client";
import { useState } from "react";
import { CallLinkController, type CallEnd, type CallLinkState } from "@/lib/client/call-link/call-link-controller";
import { useDocumentTitle } from "@/lib/client/use-document-title";
import { useStore } from "@/lib/client/use-store";
import { t, type MessageKey } from "@/lib/i18n";
import { Banner } from "@/components/ui/banner";
import { PhoneIcon, VideoIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import {
  EndedScreen,
  LoadingScreen,
  UnavailableScreen,
  UnreachableScreen,
  UnsupportedScreen,
} from "../call/guest-screens";
import { InCallView } from "../call/in-call-view";
import { PreJoin } from "../call/pre-join";
import { GuestBrandLink } from "@/components/ui/logo";
import { usePageController } from "@/lib/client/call/use-page-controller";
import { Button } from "@/components/ui/button";

const END_TEXT: Record<CallEnd, MessageKey> = {
  reject: "callLink.end.reject",
  busy: "callLink.end.busy",
  timeout: "callLink.end.timeout",
  cancel: "callLink.end.cancel",
  "media-fail": "callLink.end.media-fail",
  closed: "callLink.end.closed",
  left: "callLink.end.left",
  other: "callLink.end.other",
};

function progressText(s: CallLinkState, name: string) {
  if (s.phase === "starting") return t("callLink.state.starting");
  if (s.phase === "connecting") return t("callLink.state.connecting", { name });
  if (s.phase === "connected") return t("callLink.state.connected");
  return s.progress === "alerting" ? t("callLink.state.ringing") : t("callLink.state.calling", { name });
}

/** The call-link page (/c/<token>): "Call <name>?", audio or video, progress in words, the call. */
export function CallLinkPage({ token }: { token: string }) {
  const [ctl] = useState(() => new CallLinkController(token));
  const s = useStore(ctl);
  const media = useStore(ctl.call);
  const name = s.calleeName ?? t("callLink.someone");

  usePageController(ctl);

  useDocumentTitle(`${s.calleeName ? t("callLink.title", { name: s.calleeName }) : t("guest.title")} — Loop`);

  switch (s.phase) {
    case "loading":
      return <LoadingScreen />;
    case "unavailable":
      return <UnavailableScreen kind="call" />;
    case "unsupported":
      return <UnsupportedScreen support={s.support} />;
    case "unreachable":
      return <UnreachableScreen onRetry={() => void ctl.load()} />;
    case "ended":
      return (
        <EndedScreen
          title={t(END_TEXT[s.end ?? "other"], { name })}
          rejoinLabel={t("callLink.callAgain")}
          onRejoin={() => ctl.again()}
          feedback={s.wasConnected}
          icon={s.wasConnected ? undefined : <PhoneIcon className="size-7" />}
          tone={s.wasConnected ? "success" : "neutral"}
        >
          <p className="sr-only" data-testid="call-end" data-reason={s.end ?? "other"}>
            {t("callLink.end.title")}
          </p>
        </EndedScreen>
      );
    case "starting":
    case "calling":
    case "connecting":
    case "connected": {
      const progress = progressText(s, name);
      return (
        <InCallView
          call={ctl.call}
          selfName=""
          title={name}
          status={
            <span role="status" data-testid="call-progress" data-phase={s.phase} data-progress={s.progress ?? ""}>
              {progress}
            </span>
          }
          waiting={
            s.phase === "connected" ? undefined : (
              <section className="flex flex-col items-center justify-center gap-4 rounded-2xl bg-slate-800 p-6 text-center" aria-label={progress}>
                <Spinner label={progress} className="size-10" />
                <p aria-hidden className="text-xl font-semibold">
                  {progress}
                </p>
                <Button variant="danger" onClick={() => ctl.hangUp()} data-testid="cancel-call">
                  {t("callLink.cancel")}
                </Button>
              </section>
            )
          }
          onLeave={() => ctl.hangUp()}
        />
      );
    }
    case "ready":
      return (
        <PreJoin
          call={ctl.call}
          askName={false}
          displayName=""
          onDisplayName={() => {}}
          onJoin={() => void ctl.start(s.callType)}
          joinLabel={t("callLink.video")}
          heading={t("callLink.ready")}
          intro={
            <header className="flex flex-col gap-2">
              <GuestBrandLink />
              <h1 className="text-3xl font-bold tracking-tight break-words text-balance" data-testid="callee-name">
                {t("callLink.heading", { name })}
              </h1>
              {s.subject && <p className="text-slate-700">{t("callLink.subject", { subject: s.subject })}</p>}
              <p className="text-slate-700">{t("callLink.notice", { name })}</p>
            </header>
          }
          notice={
            s.startFailed ? (
              <Banner tone="error" alert>
                {t("guest.failed.unreachable.body")}
              </Banner>
            ) : null
          }
          actions={
            <div className="flex flex-wrap gap-3">
              <Button onClick={() => void ctl.start("audio-video")} data-testid="call-video" disabled={media.media === "asking"}>
                <VideoIcon /> {t("callLink.video")}
              </Button>
              <Button variant="secondary" onClick={() => void ctl.start("audio")} data-testid="call-audio" disabled={media.media === "asking"}>
                <PhoneIcon /> {t("callLink.audio")}
              </Button>
            </div>
          }
        />
      );
  }
}
