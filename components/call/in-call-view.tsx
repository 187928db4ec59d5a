"use client";
import { type ReactNode, useEffect, useRef, useState } from "react";
import type { CallSession } from "@/lib/client/call/call-session";
import { useStore } from "@/lib/client/use-store";
import { t } from "@/lib/i18n";
import { CloseIcon, UsersIcon } from "@/components/ui/icons";
import { CallControls } from "./call-controls";
import { ChatPanel } from "./chat-panel";
import { DevicePickers } from "./device-pickers";
import { VideoStage } from "./video-stage";
import { sessionMedia } from "./media-toggles";

/**
 * The call itself, shared by room and call-link pages: stage, toolbar, chat, settings,
 * a reconnecting notice, keyboard shortcuts (M: microphone, V: camera) and spoken
 * announcements of arrivals, departures and messages.
 */
export function InCallView({
  call,
  selfName,
  title,
  status,
  waiting,
  onLeave,
  leaveLabel,
  titleId,
}: {
  call: CallSession;
  selfName: string;
  title: string;
  /** A line under the title (e.g. call progress). */
  status?: ReactNode;
  /** Shown while nobody else is here. */
  waiting?: ReactNode;
  onLeave: () => void;
  leaveLabel?: string;
  /** For a dialog that is labelled by the title. */
  titleId?: string;
}) {
  const s = useStore(call);
  const [chatOpen, setChatOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [seen, setSeen] = useState(0);
  const [announcement, setAnnouncement] = useState("");
  const known = useRef(new Map<string, string>());

  const media = sessionMedia(call, s);
  const { hasAudio, hasVideo } = media;
  const received = s.chat.filter((m) => m.from !== null).length;
  const unread = chatOpen ? 0 : Math.max(0, received - seen);

  useEffect(() => {
    if (chatOpen) setSeen(received);
  }, [chatOpen, received]);

  // Announce arrivals and departures to screen readers (the grid changing is silent).
  useEffect(() => {
    const now = new Map(s.participants.filter((p) => p.name).map((p) => [p.id, p.name]));
    for (const [id, name] of now) if (!known.current.has(id)) setAnnouncement(t("guest.call.joined", { name }));
    for (const [id, name] of known.current) if (!now.has(id)) setAnnouncement(t("guest.call.left", { name }));
    known.current = now;
  }, [s.participants]);

  // Messages are announced while the chat is closed; the open chat log speaks for itself.
  const lastMessage = s.chat[s.chat.length - 1];
  useEffect(() => {
    if (lastMessage && lastMessage.from !== null && !chatOpen) {
      setAnnouncement(t("guest.chat.from", { name: lastMessage.name, message: lastMessage.text }));
    }
  }, [lastMessage, chatOpen]);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      const k = e.key.toLowerCase();
      if (k === "m" && hasAudio) {
        e.preventDefault();
        call.setAudioEnabled(!call.getSnapshot().audioEnabled);
      } else if (k === "v" && hasVideo) {
        e.preventDefault();
        call.setVideoEnabled(!call.getSnapshot().videoEnabled);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [call, hasAudio, hasVideo]);

  const reconnecting = s.session === "reconnecting";

  return (
    <div className="flex h-dvh flex-col bg-slate-950 text-white" data-testid="in-call">
      <header className="flex items-center justify-between gap-3 px-4 pt-3 pb-1">
        <div className="min-w-0">
          <h1 id={titleId} className="truncate text-lg font-semibold" data-testid="call-title">
            {title}
          </h1>
          {status && <div className="text-sm text-slate-300">{status}</div>}
        </div>
        <p className="flex shrink-0 items-center gap-1.5 text-sm text-slate-300" data-testid="participant-count">
          <UsersIcon className="size-4" />
          {t("guest.call.participants", { n: s.participants.length + 1 })}
        </p>
      </header>
      <main className="relative flex min-h-0 flex-1">
        {reconnecting && (
          <div
            role="status"
            className="absolute inset-x-2 top-2 z-10 rounded-xl bg-amber-400 px-4 py-2 text-center font-medium text-slate-950"
            data-testid="reconnecting"
          >
            {t("guest.reconnecting")}
          </div>
        )}
        <VideoStage
          participants={s.participants}
          local={s.local}
          selfName={selfName}
          audioEnabled={s.audioEnabled}
          videoEnabled={s.videoEnabled}
          sharing={!!s.screen}
          speakerId={s.audioOutput}
          overlay={waiting}
        />
        {chatOpen && (
          <ChatPanel
            entries={s.chat}
            canSend={s.participants.length > 0}
            onSend={(text) => call.sendChat(text, selfName)}
            onClose={() => setChatOpen(false)}
          />
        )}
        {settingsOpen && (
          <section
            aria-labelledby="settings-title"
            className="absolute inset-x-2 bottom-2 z-30 rounded-2xl bg-slate-800 p-4 shadow-xl ring-1 ring-slate-700"
            onKeyDown={(e) => {
              if (e.key === "Escape") setSettingsOpen(false);
            }}
          >
            <div className="mb-3 flex items-center justify-between">
              <h2 id="settings-title" className="font-semibold">
                {t("guest.devices.settings")}
              </h2>
              <button
                type="button"
                onClick={() => setSettingsOpen(false)}
                aria-label={t("guest.devices.close")}
                className="grid size-11 place-items-center rounded-full hover:bg-slate-700"
              >
                <CloseIcon />
              </button>
            </div>
            <DevicePickers call={call} state={s} dark />
          </section>
        )}
      </main>
      <footer className="px-2 pt-2 pb-[max(0.75rem,env(safe-area-inset-bottom))]">
        <CallControls
          {...media}
          sharing={!!s.screen}
          canShare={call.screenShareSupported}
          chatOpen={chatOpen}
          unread={unread}
          onToggleShare={() => (s.screen ? call.stopScreenShare() : void call.startScreenShare())}
          onToggleChat={() => setChatOpen((o) => !o)}
          onSettings={hasAudio || hasVideo ? () => setSettingsOpen((o) => !o) : undefined}
          onLeave={onLeave}
          leaveLabel={leaveLabel}
        />
        <p aria-live="polite" className="sr-only" data-testid="announcer">
          {announcement}
        </p>
      </footer>
    </div>
  );
}
