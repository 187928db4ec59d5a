import { type SelectHTMLAttributes, useId } from "react";

export type SelectOption = { value: string; label: string };

/** A labelled native select: keyboard and screen-reader support come with the platform. */
export function SelectField({
  label,
  options,
  icon,
  className = "",
  dark = false,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; options: SelectOption[]; icon?: React.ReactNode; dark?: boolean }) {
  const id = useId();
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={`flex items-center gap-1.5 text-sm font-medium ${dark ? "text-slate-200" : "text-slate-700"}`}>
        {icon}
        {label}
      </label>
      <select
        id={id}
        className={`min-h-11 w-full min-w-0 truncate rounded-xl border px-3 py-2 text-base ${
          dark ? "border-slate-600 bg-slate-800 text-white" : "border-slate-300 bg-white text-slate-900"
        }`}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
