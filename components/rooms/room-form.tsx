"use client";

import { useId, useState } from "react";
import { t } from "@/lib/i18n";
import { ErrorText } from "@/components/ui/banner";
import { Field, inputClass } from "@/components/ui/field";

export type RoomFormValues = { name: string; description: string; url: string };

const NAME_MAX = 100;
const DESCRIPTION_MAX = 500;

/** Checks a form's values; null when fine, else the sentence to show. */
export function checkRoomValues(v: RoomFormValues): string | null {
  if (!v.name.trim()) return t("owner.create.nameMissing");
  if (v.name.trim().length > NAME_MAX) return t("owner.create.nameTooLong", { max: NAME_MAX });
  if (v.description.length > DESCRIPTION_MAX) return t("owner.create.descriptionTooLong", { max: DESCRIPTION_MAX });
  if (v.url.trim()) {
    try {
      const u = new URL(v.url.trim());
      if (u.protocol !== "https:" && u.protocol !== "http:") throw new Error();
    } catch {
      return t("owner.create.urlInvalid");
    }
  }
  return null;
}

/** Name, description and link to share: the encrypted part of a room. */
export function RoomDetailsFields({ values, onChange }: { values: RoomFormValues; onChange: (v: RoomFormValues) => void }) {
  const id = useId();
  return (
    <>
      <Field id={`${id}-name`} label={t("owner.create.name")}>
        <input
          id={`${id}-name`}
          className={inputClass}
          required
          maxLength={NAME_MAX}
          autoComplete="off"
          value={values.name}
          onChange={(e) => onChange({ ...values, name: e.target.value })}
        />
      </Field>
      <Field id={`${id}-description`} label={t("owner.create.description")}>
        <textarea
          id={`${id}-description`}
          className={inputClass}
          rows={2}
          maxLength={DESCRIPTION_MAX}
          value={values.description}
          onChange={(e) => onChange({ ...values, description: e.target.value })}
        />
      </Field>
      <Field id={`${id}-url`} label={t("owner.create.url")} hint={t("owner.create.urlHint")}>
        <input
          id={`${id}-url`}
          className={inputClass}
          type="url"
          inputMode="url"
          placeholder="https://"
          aria-describedby={`${id}-url-hint`}
          value={values.url}
          onChange={(e) => onChange({ ...values, url: e.target.value })}
        />
      </Field>
    </>
  );
}

export function FormError({ error }: { error: string | null }) {
  return <ErrorText>{error}</ErrorText>;
}

export function useFormState<T>(initial: T) {
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return { values, setValues, error, setError, busy, setBusy };
}
