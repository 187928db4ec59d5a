"use client";
import { useEffect, useId, useState } from "react";
import { t } from "@/lib/i18n";

type FieldProps = {
  label: string;
  name: string;
  type?: "text" | "email" | "password";
  autoComplete: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  defaultValue?: string;
  inputRef?: React.Ref<HTMLInputElement>;
};

/** A labelled input with its hint and error wired for screen readers; passwords can be shown. */
export function Field({ label, name, type = "text", autoComplete, hint, error, inputRef, ...rest }: FieldProps) {
  const id = useId();
  const [shown, setShown] = useState(false);
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        name={name}
        type={type === "password" && shown ? "text" : type}
        autoComplete={autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={described}
        spellCheck={type === "text" ? undefined : false}
        autoCapitalize={type === "text" ? undefined : "none"}
        className="min-h-11 w-full rounded-xl border border-slate-300 bg-white px-3.5 py-2.5 text-base text-ink shadow-xs outline-none placeholder:text-slate-400 focus:border-brand-500 focus:ring-3 focus:ring-brand-100 aria-invalid:border-red-600"
        {...rest}
      />
      {type === "password" && (
        <label className="flex w-fit items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} className="size-4 accent-brand-600" />
          {t("auth.showPassword")}
        </label>
      )}
      {hint && (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The form-level message: announced when it appears, and focusable so focus can move to it. */
export function FormAlert({ message, alertRef }: { message: string | null; alertRef?: React.Ref<HTMLDivElement> }) {
  return (
    <div ref={alertRef} tabIndex={-1} role="alert" className={message ? "rounded-xl bg-red-50 p-3 text-red-800 ring-1 ring-red-200" : "sr-only"}>
      {message}
    </div>
  );
}

/**
 * False until React has hydrated the page: buttons stay disabled until then, so a click can
 * never fall through to a native form submission (which would put the password in a URL).
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  const hydrated = useHydrated();
  return (
    <button
      type="submit"
      disabled={busy || !hydrated}
      aria-busy={busy || undefined}
      className="min-h-11 w-full rounded-xl bg-brand-600 px-5 py-3 font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-progress disabled:opacity-70"
    >
      {busy ? busyLabel : label}
    </button>
  );
}
