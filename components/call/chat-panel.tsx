"use client";
import { type FormEvent, useEffect, useRef, useState } from "react";
import type { ChatEntry } from "@/lib/client/call/call-session";
import { MAX_CHAT_LENGTH } from "@/lib/client/chat-message";
import { t } from "@/lib/i18n";
import { CloseIcon, SendIcon } from "@/components/ui/icons";
import { LinkifiedText } from "./linkified-text";

/** Text chat beside the stage (a sheet over it on phones). Messages are plain text. */
export function ChatPanel({
  entries,
  onSend,
  onClose,
  canSend,
}: {
  entries: ChatEntry[];
  onSend: (text: string) => void;
  onClose: () => void;
  canSend: boolean;
}) {
  const [draft, setDraft] = useState("");
  const list = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);
  useEffect(() => {
    const l = list.current;
    if (l) l.scrollTop = l.scrollHeight;
  }, [entries.length]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.trim()) return;
    onSend(draft);
    setDraft("");
  }

  return (
    <aside
      aria-labelledby="chat-title"
      className="absolute inset-0 z-20 flex flex-col bg-white text-slate-900 md:static md:inset-auto md:w-80 md:shrink-0 md:rounded-2xl md:m-2 md:ms-0"
      data-testid="chat-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-2">
        <h2 id="chat-title" className="font-semibold">
          {t("guest.chat.title")}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label={t("guest.chat.close")}
          className="grid size-11 place-items-center rounded-full text-slate-700 hover:bg-slate-100"
        >
          <CloseIcon />
        </button>
      </div>
      <ol ref={list} className="flex flex-1 flex-col gap-3 overflow-y-auto px-4 py-3" aria-label={t("guest.chat.title")} data-testid="chat-log">
        {entries.length === 0 && <li className="text-sm text-slate-600">{t("guest.chat.empty")}</li>}
        {entries.map((m) => (
          <li key={m.id} className={`flex flex-col ${m.from === null ? "items-end" : "items-start"}`} data-testid="chat-message">
            <span className="text-xs font-medium text-slate-600">{m.from === null ? (m.name ? t("guest.call.you", { name: m.name }) : t("guest.call.youAlone")) : m.name}</span>
            <p
              className={`max-w-[85%] rounded-2xl px-3 py-2 break-words whitespace-pre-wrap ${
                m.from === null ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-900"
              }`}
            >
              <LinkifiedText text={m.text} />
            </p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit} className="flex items-end gap-2 border-t border-slate-200 p-3">
        <label htmlFor="chat-input" className="sr-only">
          {t("guest.chat.label")}
        </label>
        <input
          id="chat-input"
          ref={input}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={MAX_CHAT_LENGTH}
          placeholder={t("guest.chat.placeholder")}
          autoComplete="off"
          className="min-h-11 min-w-0 flex-1 rounded-xl border border-slate-300 px-3 py-2 text-base placeholder:text-slate-500"
        />
        <button
          type="submit"
          disabled={!canSend || !draft.trim()}
          aria-label={t("guest.chat.send")}
          className="grid size-11 shrink-0 place-items-center rounded-xl bg-brand-600 text-white hover:bg-brand-700 disabled:opacity-50"
        >
          <SendIcon />
        </button>
      </form>
    </aside>
  );
}
