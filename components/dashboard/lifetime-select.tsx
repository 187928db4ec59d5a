"use client";

import { SelectField } from "@/components/ui/field";
import { t } from "@/lib/i18n";
import type { MessageKey } from "@/lib/i18n/en";
import { LINK_LIFETIMES, ROOM_LIFETIMES } from "./lifetimes";
import { useOwner } from "./owner-context";

type Props = { id: string; label: string; hours: number; onChange: (hours: number) => void };

function LifetimeSelect({ id, label, hours, onChange, choices, maxHours }: Props & { choices: readonly { hours: number; key: MessageKey }[]; maxHours: number }) {
  return (
    <SelectField
      id={id}
      label={label}
      value={hours}
      onChange={(e) => onChange(Number(e.target.value))}
      options={choices.filter((l) => l.hours <= maxHours).map((l) => ({ value: String(l.hours), label: t(l.key) }))}
    />
  );
}

/** The room lifetime picker, capped by the server's maximum (create and change-expiry dialogs). */
export function RoomLifetimeSelect(props: Props) {
  return <LifetimeSelect {...props} choices={ROOM_LIFETIMES} maxHours={useOwner().maxRoomHours} />;
}

/** The call link lifetime picker, capped by the server's maximum (create and extend). */
export function LinkLifetimeSelect(props: Props) {
  return <LifetimeSelect {...props} choices={LINK_LIFETIMES} maxHours={useOwner().maxLinkHours} />;
}
