"use client";

import { useState } from "react";
import { t } from "@/lib/i18n";
import { useOwner } from "./owner-context";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/**
 * Contacts page: call someone by phone number (contract §9). It rings only when the number is
 * someone's verified identity; otherwise the call screen says nobody could be reached.
 */
export function CallByNumber() {
  const owner = useOwner();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = String(new FormData(e.currentTarget).get("number") ?? "").trim();
    const digits = raw.replace(/[\s().-]/g, "");
    if (!/^\+[1-9]\d{6,14}$/.test(digits)) {
      setError(t("identity.callNumber.invalid"));
      return;
    }
    setError(null);
    owner.callPerson(digits, raw);
  }

  return (
    <section aria-labelledby="call-number-title" className="mt-6 flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div>
        <h2 id="call-number-title" className="text-lg font-semibold">
          {t("identity.callNumber.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("identity.callNumber.intro")}</p>
      </div>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <TextField label={t("identity.callNumber.number")} name="number" type="tel" autoComplete="tel" inputMode="tel" maxLength={32} error={error} className="flex-1" />
        <Button type="submit" className="sm:mt-8">
          {t("identity.callNumber.submit")}
        </Button>
      </form>
    </section>
  );
}
