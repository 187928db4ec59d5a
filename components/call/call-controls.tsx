"use client";
import type { ReactNode } from "react";
import { t } from "@/lib/i18n";
import { ChatIcon, LeaveIcon, ScreenIcon, SettingsIcon } from "@/components/ui/icons";
import { type MediaState, mediaToggles } from "./media-toggles";

/**
 * The call's toolbar. Toggle buttons keep a fixed name and report their state with
 * aria-pressed; the visible tooltip names the keyboard shortcut.
 */
function ControlButton({
  label,
  shortcut,
  pressed,
  onClick,
  children,
  tone = pressed ? "active" : "normal",
  disabled,
  badge,
  testId,
}: {
  label: string;
  shortcut?: string;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
  /** Default: "active" while pressed (a panel or sharing that is on), else "normal". */
  tone?: "normal" | "off" | "danger" | "active";
  disabled?: boolean;
  badge?: ReactNode;
  testId?: string;
}) {
  const colors = {
    normal: "bg-slate-700 text-white hover:bg-slate-600",
    off: "bg-red-600 text-white hover:bg-red-700",
    active: "bg-brand-500 text-white hover:bg-brand-600",
    danger: "bg-red-600 text-white hover:bg-red-700 px-5",
  }[tone];
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      title={shortcut ? t("guest.call.shortcut", { label, key: shortcut }) : label}
      data-testid={testId}
      className={`relative grid h-12 min-w-12 shrink-0 place-items-center rounded-full transition-colors disabled:opacity-50 ${colors}`}
    >
      {children}
      {badge}
    </button>
  );
}

export function CallControls({
  sharing,
  canShare,
  chatOpen,
  unread,
  onToggleShare,
  onToggleChat,
  onSettings,
  onLeave,
  leaveLabel,
  ...media
}: MediaState & {
  sharing: boolean;
  canShare: boolean;
  chatOpen: boolean;
  unread: number;
  onToggleShare: () => void;
  onToggleChat: () => void;
  onSettings?: () => void;
  onLeave: () => void;
  /** "Leave" in a room; "Hang up" / "Cancel call" in a call. */
  leaveLabel?: string;
}) {
  return (
    <div role="toolbar" aria-label={t("guest.call.controls")} className="flex items-center justify-center gap-2 sm:gap-3">
      {mediaToggles(media).map((m) => (
        <ControlButton
          key={m.kind}
          label={m.label}
          shortcut={m.shortcut}
          pressed={!m.on}
          tone={m.on ? "normal" : "off"}
          disabled={!m.available}
          onClick={m.toggle}
          testId={`toggle-${m.kind}`}
        >
          {m.icon}
        </ControlButton>
      ))}
      {canShare && (
        <ControlButton
          label={t("guest.call.share")}
          pressed={sharing}
          onClick={onToggleShare}
          testId="toggle-share"
        >
          <ScreenIcon />
        </ControlButton>
      )}
      <ControlButton
        label={t("guest.call.chat")}
        pressed={chatOpen}
        onClick={onToggleChat}
        testId="toggle-chat"
        badge={
          unread > 0 && !chatOpen ? (
            <span className="absolute -top-1 -end-1 grid h-5 min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs font-bold text-white">
              {unread}
              <span className="sr-only"> {t("guest.chat.unread", { n: unread })}</span>
            </span>
          ) : null
        }
      >
        <ChatIcon />
      </ControlButton>
      {onSettings && (
        <ControlButton label={t("guest.devices.settings")} onClick={onSettings} testId="open-settings">
          <SettingsIcon />
        </ControlButton>
      )}
      <ControlButton label={leaveLabel ?? t("guest.call.leave")} tone="danger" onClick={onLeave} testId="leave">
        <LeaveIcon />
      </ControlButton>
    </div>
  );
}
