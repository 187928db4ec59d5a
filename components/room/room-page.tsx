"use client";
import { useState } from "react";
import { RoomController } from "@/lib/client/room/room-controller";
import { isWebUrl, type RoomInfo } from "@/lib/client/room/room-info";
import { useDocumentTitle } from "@/lib/client/use-document-title";
import { useStore } from "@/lib/client/use-store";
import { t } from "@/lib/i18n";
import { Banner } from "@/components/ui/banner";
import { AlertIcon } from "@/components/ui/icons";
import {
  EndedScreen,
  FailedScreen,
  FullScreen,
  LoadingScreen,
  UnavailableScreen,
  UnreachableScreen,
  UnsupportedScreen,
} from "../call/guest-screens";
import { InCallView } from "../call/in-call-view";
import { PreJoin } from "../call/pre-join";
import { WaitingPanel } from "../call/waiting-panel";
import { GuestBrandLink } from "@/components/ui/logo";
import { usePageController } from "@/lib/client/call/use-page-controller";

/**
 * The guest's room page (/<roomToken>#<roomKey>): one screen per state of the
 * RoomController, from loading to the call and back.
 */
export function RoomPage({ token, suggestedName }: { token: string; suggestedName?: string }) {
  const [room] = useState(() => new RoomController(token, suggestedName));
  const s = useStore(room);

  usePageController(room, (r) => r.load(window.location.hash));

  const roomName = s.info?.roomName ?? null;
  useDocumentTitle(`${roomName ?? t("guest.title")} — Loop`);

  switch (s.phase) {
    case "loading":
      return <LoadingScreen />;
    case "unavailable":
      return <UnavailableScreen />;
    case "unsupported":
      return <UnsupportedScreen support={s.support} />;
    case "unreachable":
      return <UnreachableScreen onRetry={() => void room.load()} />;
    case "full":
      return <FullScreen onRetry={() => void room.retry()} />;
    case "failed":
      return <FailedScreen failure={s.failure ?? "error"} onRetry={() => void room.retry()} />;
    case "ended":
      if (s.endReason === "deleted" || s.endReason === "expired") {
        return (
          <EndedScreen
            title={t(s.endReason === "deleted" ? "guest.ended.deleted" : "guest.ended.expired")}
            icon={<AlertIcon className="size-7" />}
            tone="warning"
            feedback={s.wasInCall}
            roomToken={token}
          >
            <p data-testid="room-closed" data-reason={s.endReason}>
              {t(s.endReason === "deleted" ? "guest.ended.deletedBody" : "guest.ended.expiredBody")}
            </p>
          </EndedScreen>
        );
      }
      return (
        <EndedScreen
          title={s.endReason === "other-tab" ? t("guest.ended.otherTab") : t("guest.ended.left")}
          rejoinLabel={t("guest.ended.rejoin")}
          onRejoin={() => void room.retry()}
          roomToken={token}
        />
      );
    case "in-call":
      return (
        <InCallView
          call={room.call}
          selfName={s.displayName}
          title={roomName ?? t("guest.prejoin.untitled")}
          waiting={<WaitingPanel link={typeof window === "undefined" ? "" : window.location.href} />}
          onLeave={() => void room.leave()}
        />
      );
    case "prejoin":
    case "joining":
      return (
        <PreJoin
          call={room.call}
          intro={<RoomIntro info={s.info} />}
          notice={s.otherTab ? <Banner tone="warning">{t("guest.prejoin.otherTab")}</Banner> : null}
          displayName={s.displayName}
          onDisplayName={(v) => room.setDisplayName(v)}
          onJoin={() => void room.join()}
          joinLabel={s.otherTab ? t("guest.prejoin.joinHere") : t("guest.prejoin.join")}
          joining={s.phase === "joining"}
        />
      );
  }
}

function RoomIntro({ info }: { info: RoomInfo | null }) {
  const keyProblem = info?.keyProblem;
  return (
    <header className="flex flex-col gap-2">
      <GuestBrandLink />
      <p className="text-slate-700" data-testid="invited-by">
        {info?.owner ? t("guest.prejoin.invitedBy", { owner: info.owner }) : t("guest.prejoin.invited")}
      </p>
      <h1 className="text-3xl font-bold tracking-tight break-words text-balance" data-testid="room-name">
        {info?.roomName ?? t("guest.prejoin.untitled")}
      </h1>
      {info?.description && <p className="whitespace-pre-line text-slate-700">{info.description}</p>}
      {info?.url && isWebUrl(info.url.location) && (
        <a
          href={info.url.location}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="w-fit max-w-full truncate text-brand-700 underline underline-offset-2"
        >
          {info.url.description || info.url.location}
        </a>
      )}
      {keyProblem && (
        <Banner tone="warning" className="mt-2">
          <span data-testid="key-problem">
            {keyProblem === "no_crypto_key"
              ? t("guest.prejoin.keyMissing")
              : keyProblem === "web_crypto_unsupported"
                ? t("guest.prejoin.cryptoUnsupported")
                : t("guest.prejoin.keyWrong")}
          </span>
        </Banner>
      )}
    </header>
  );
}
