"use client";

import { useState } from "react";
import { t } from "@/lib/i18n";
import { useOwner } from "../dashboard/owner-context";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { CardSection } from "@/components/ui/card";

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
    <CardSection id="call-number-title" title={t("identity.callNumber.title")} intro={t("identity.callNumber.intro")} className="mt-6 gap-3">
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <TextField label={t("identity.callNumber.number")} name="number" type="tel" autoComplete="tel" inputMode="tel" maxLength={32} error={error} className="flex-1" />
        <Button type="submit" className="sm:mt-8">
          {t("identity.callNumber.submit")}
        </Button>
      </form>
    </CardSection>
  );
}
