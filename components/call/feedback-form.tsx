"use client";
import { type FormEvent, useState } from "react";
import { loopApi, type FeedbackInput } from "@/lib/client/loop-api";
import { t } from "@/lib/i18n";
import { FrownIcon, SmileIcon } from "@/components/ui/icons";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

type Category = NonNullable<FeedbackInput["category"]>;
const CATEGORIES: Category[] = ["audio_quality", "video_quality", "disconnected", "confusing", "other"];
const LABELS: Record<Category, Parameters<typeof t>[0]> = {
  audio_quality: "guest.feedback.audio_quality",
  video_quality: "guest.feedback.video_quality",
  disconnected: "guest.feedback.disconnected",
  confusing: "guest.feedback.confusing",
  other: "guest.feedback.other",
};

/**
 * The short feedback form of the ended screen (ref §9.3): happy or sad; sad asks what went
 * wrong (category + optional text). Stored by our server (POST /feedback).
 */
export function FeedbackForm({ roomToken }: { roomToken?: string }) {
  const [happy, setHappy] = useState<boolean | null>(null);
  const [category, setCategory] = useState<Category | null>(null);
  const [text, setText] = useState("");
  const [state, setState] = useState<"editing" | "sending" | "sent" | "error">("editing");

  async function send(input: FeedbackInput) {
    setState("sending");
    try {
      await loopApi.sendFeedback(input);
      setState("sent");
    } catch {
      setState("error");
    }
  }

  function pick(h: boolean) {
    setHappy(h);
    // A happy answer needs nothing more: send it at once.
    if (h) void send({ happy: true, roomToken });
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void send({ happy: false, category: category ?? "other", description: text.trim() || undefined, roomToken });
  }

  if (state === "sent") {
    return (
      <p role="status" className="font-medium text-emerald-800" data-testid="feedback-thanks">
        {t("guest.feedback.thanks")}
      </p>
    );
  }

  return (
    <form onSubmit={submit} className="flex w-full flex-col gap-4 text-start" aria-labelledby="feedback-title" data-testid="feedback">
      <h2 id="feedback-title" className="text-center text-lg font-semibold text-slate-900">
        {t("guest.feedback.title")}
      </h2>
      <div className="flex justify-center gap-3">
        <button
          type="button"
          aria-pressed={happy === true}
          onClick={() => pick(true)}
          disabled={state === "sending"}
          className="inline-flex min-h-11 items-center gap-2 rounded-xl px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-emerald-50 aria-pressed:bg-emerald-100 aria-pressed:ring-emerald-600"
        >
          <SmileIcon /> {t("guest.feedback.happy")}
        </button>
        <button
          type="button"
          aria-pressed={happy === false}
          onClick={() => pick(false)}
          disabled={state === "sending"}
          className="inline-flex min-h-11 items-center gap-2 rounded-xl px-4 py-2 font-medium ring-1 ring-slate-300 hover:bg-amber-50 aria-pressed:bg-amber-100 aria-pressed:ring-amber-600"
        >
          <FrownIcon /> {t("guest.feedback.sad")}
        </button>
      </div>
      {happy === false && (
        <>
          <fieldset className="flex flex-col gap-1">
            <legend className="mb-1 font-medium text-slate-900">{t("guest.feedback.what")}</legend>
            {CATEGORIES.map((c) => (
              <label key={c} className="flex min-h-11 items-center gap-3 rounded-lg px-2 hover:bg-slate-50">
                <input
                  type="radio"
                  name="category"
                  value={c}
                  checked={category === c}
                  onChange={() => setCategory(c)}
                  className="size-5 accent-brand-600"
                />
                {t(LABELS[c])}
              </label>
            ))}
          </fieldset>
          <Field id="feedback-text" label={t("guest.feedback.more")} labelClassName="font-medium text-slate-900">
            <textarea
              id="feedback-text"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={1000}
              rows={3}
              className="w-full rounded-xl border border-slate-300 px-3 py-2 text-base"
            />
          </Field>
          <Button type="submit" disabled={state === "sending"}>
            {t("guest.feedback.send")}
          </Button>
        </>
      )}
      {state === "error" && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {t("guest.feedback.error")}
        </p>
      )}
    </form>
  );
}
