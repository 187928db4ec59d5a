"use client";

import { type InputHTMLAttributes, type ReactNode, type Ref, type SelectHTMLAttributes, useId, useState } from "react";
import { t } from "@/lib/i18n";

/** The one look of text inputs, text areas and selects (light surfaces). */
export const inputClass =
  "min-h-11 w-full min-w-0 rounded-xl border border-slate-300 bg-white px-3 py-2 text-ink placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-invalid:border-red-600";

/**
 * A label, the control it names (children, carrying `id`), and an optional hint and error.
 * The hint's id is `${id}-hint` and the error's `${id}-error`: controls list them in
 * `aria-describedby` (TextField and SelectField do it for you).
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
  className = "",
  labelClassName = "font-medium text-slate-800",
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  error?: string | null;
  children: ReactNode;
  className?: string;
  labelClassName?: string;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1.5 ${className}`.trimEnd()}>
      <label htmlFor={id} className={labelClassName}>
        {label}
      </label>
      {children}
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

/** The ids a control lists in aria-describedby for its Field's hint and error. */
export function describedBy(id: string, hint?: string, error?: string | null) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

/**
 * A labelled text input with its hint and error wired for screen readers. Passwords get a
 * "show password" toggle; email and password fields skip spell-checking and capitals.
 */
export function TextField({
  label,
  hint,
  error,
  className = "",
  inputRef,
  type = "text",
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; error?: string | null; inputRef?: Ref<HTMLInputElement> }) {
  const generated = useId();
  const id = input.id ?? generated;
  const [shown, setShown] = useState(false);
  const plain = type === "text" || type === "search";
  return (
    <Field id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        ref={inputRef}
        type={type === "password" && shown ? "text" : type}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        spellCheck={plain ? undefined : false}
        autoCapitalize={plain ? undefined : "none"}
        className={inputClass}
        {...input}
      />
      {type === "password" && (
        <label className="flex w-fit items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} className="size-4 accent-brand-600" />
          {t("auth.showPassword")}
        </label>
      )}
    </Field>
  );
}

export type SelectOption = { value: string; label: string };

/** A labelled native select: keyboard and screen-reader support come with the platform. */
export function SelectField({
  label,
  options,
  icon,
  hint,
  className = "",
  dark = false,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: SelectOption[]; icon?: ReactNode; hint?: string; dark?: boolean }) {
  const generated = useId();
  const id = select.id ?? generated;
  return (
    <Field
      id={id}
      hint={hint}
      className={className}
      labelClassName={`flex items-center gap-1.5 ${dark ? "text-sm font-medium text-slate-200" : "font-medium text-slate-800"}`}
      label={
        <>
          {icon}
          {label}
        </>
      }
    >
      <select
        id={id}
        aria-describedby={describedBy(id, hint)}
        className={dark ? "min-h-11 w-full min-w-0 truncate rounded-xl border border-slate-600 bg-slate-800 px-3 py-2 text-base text-white" : `${inputClass} truncate`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
