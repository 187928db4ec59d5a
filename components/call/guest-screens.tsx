"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Support } from "@/lib/client/media/local-media";
import { t } from "@/lib/i18n";
import { AlertIcon, BrowserIcon, CheckIcon, LinkOffIcon, LockIcon, UsersIcon, VideoOffIcon, WifiOffIcon } from "@/components/ui/icons";
import { Spinner } from "@/components/ui/spinner";
import { StatusScreen } from "@/components/ui/status-screen";
import { FeedbackForm } from "./feedback-form";
import { Button, buttonClass } from "@/components/ui/button";

/** The full-page states of the guest pages, one component per state. */

export function LoadingScreen() {
  // Nothing but a late spinner: a fast load shows no flash of a loading state.
  return (
    <main className="grid min-h-dvh place-items-center text-brand-600" data-testid="loading">
      <h1 className="sr-only">{t("guest.loading")}</h1>
      <Spinner label={t("guest.loading")} delayMs={500} className="size-10" />
    </main>
  );
}

export function UnavailableScreen({ kind = "room" }: { kind?: "room" | "call" }) {
  return (
    <StatusScreen
      testId="unavailable"
      icon={<LinkOffIcon className="size-7" />}
      tone="warning"
      title={kind === "room" ? t("guest.unavailable.title") : t("callLink.unavailable.title")}
      actions={
        <Link href="/" className={buttonClass("secondary")}>
          {t("guest.unavailable.home")}
        </Link>
      }
    >
      <p>{kind === "room" ? t("guest.unavailable.body") : t("callLink.unavailable.body")}</p>
    </StatusScreen>
  );
}

export function UnsupportedScreen({ support }: { support: Support }) {
  return (
    <StatusScreen testId="unsupported" icon={<BrowserIcon className="size-7" />} tone="warning" title={t("guest.unsupported.title")}>
      <p>{support === "insecure" ? t("guest.unsupported.insecure") : t("guest.unsupported.webrtc")}</p>
    </StatusScreen>
  );
}

export function UnreachableScreen({ onRetry }: { onRetry: () => void }) {
  return (
    <StatusScreen
      testId="unreachable"
      icon={<WifiOffIcon className="size-7" />}
      tone="error"
      title={t("guest.unreachable.title")}
      actions={<Button onClick={onRetry}>{t("guest.retry")}</Button>}
    >
      <p>{t("guest.unreachable.body")}</p>
    </StatusScreen>
  );
}

export function PermissionScreen({ onRetry, onWithout }: { onRetry: () => void; onWithout?: () => void }) {
  return (
    <StatusScreen
      testId="permission"
      icon={<LockIcon className="size-7" />}
      tone="warning"
      title={t("guest.permission.title")}
      actions={
        <>
          <Button onClick={onRetry} data-testid="permission-retry">
            {t("guest.permission.retry")}
          </Button>
          {onWithout && (
            <Button variant="ghost" onClick={onWithout}>
              {t("guest.prejoin.joinWithoutMedia")}
            </Button>
          )}
        </>
      }
    >
      <p>{t("guest.permission.body")}</p>
      <ol className="list-decimal space-y-1 ps-6 text-start">
        <li>{t("guest.permission.step1")}</li>
        <li>{t("guest.permission.step2")}</li>
        <li>{t("guest.permission.step3")}</li>
      </ol>
      <p className="text-sm text-slate-600">{t("guest.permission.phone")}</p>
    </StatusScreen>
  );
}

export function FullScreen({ onRetry }: { onRetry: () => void }) {
  return (
    <StatusScreen
      testId="room-full"
      icon={<UsersIcon className="size-7" />}
      tone="warning"
      title={t("guest.full.title")}
      actions={<Button onClick={onRetry}>{t("guest.retry")}</Button>}
    >
      <p>{t("guest.full.body")}</p>
    </StatusScreen>
  );
}

const failureText = {
  connection: ["guest.failed.connection.title", "guest.failed.connection.body"],
  expired: ["guest.failed.expired.title", "guest.failed.expired.body"],
  unreachable: ["guest.failed.unreachable.title", "guest.failed.unreachable.body"],
  error: ["guest.failed.error.title", "guest.failed.error.body"],
} as const;

export function FailedScreen({ failure, onRetry }: { failure: keyof typeof failureText; onRetry: () => void }) {
  const [title, body] = failureText[failure];
  return (
    <StatusScreen
      testId="failed"
      icon={failure === "unreachable" ? <WifiOffIcon className="size-7" /> : <AlertIcon className="size-7" />}
      tone="error"
      title={t(title)}
      actions={<Button onClick={onRetry}>{failure === "error" || failure === "unreachable" ? t("guest.retry") : t("guest.failed.rejoin")}</Button>}
    >
      <p data-failure={failure}>{t(body)}</p>
    </StatusScreen>
  );
}

export function EndedScreen({
  title,
  onRejoin,
  rejoinLabel,
  roomToken,
  feedback = true,
  icon,
  tone = "success",
  children,
}: {
  title: string;
  /** Absent when there is nothing to rejoin (the room was closed or expired). */
  onRejoin?: () => void;
  rejoinLabel?: string;
  roomToken?: string;
  /** Asked only after a call that connected. */
  feedback?: boolean;
  icon?: ReactNode;
  tone?: "success" | "warning" | "error" | "neutral";
  children?: ReactNode;
}) {
  return (
    <StatusScreen
      testId="ended"
      icon={icon ?? (title === t("guest.ended.otherTab") ? <VideoOffIcon className="size-7" /> : <CheckIcon className="size-7" />)}
      tone={tone}
      title={title}
    >
      {children}
      {onRejoin && rejoinLabel && (
        <div className="flex justify-center">
          <Button onClick={onRejoin} data-testid="rejoin">
            {rejoinLabel}
          </Button>
        </div>
      )}
      {feedback && (
        <>
          <hr className="my-2 border-slate-200" />
          <FeedbackForm roomToken={roomToken} />
        </>
      )}
    </StatusScreen>
  );
}
