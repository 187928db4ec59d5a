"use client";

import { createContext, useContext } from "react";
import type { RoomView } from "@/lib/client/rooms/owner-rooms";
import type { Toast } from "@/components/ui/toasts";

/** What the server tells the owner app at load (current-owner.ts). */
export type OwnerBoot = {
  user: { id: string; email: string; name: string };
  maxRoomSize: number;
  maxRoomHours: number;
  maxLinkHours: number;
};

export type RoomsState = {
  rooms: RoomView[] | null;
  error: string | null;
  reload: () => Promise<void>;
  /** re-read one room (after a local change, or an unlock) */
  refresh: (token: string) => Promise<void>;
  remove: (tokens: string[]) => void;
};


export type OwnerCtx = OwnerBoot & {
  rooms: RoomsState;
  toast: (t: Omit<Toast, "id">) => void;
  /** a system notification when the tab is hidden and the user allowed them */
  notify: (title: string, body: string, tag: string) => void;
  /** a direct call to someone's address (contacts) */
  callPerson: (email: string, name: string) => void;
};

export const OwnerContext = createContext<OwnerCtx | null>(null);

export function useOwner(): OwnerCtx {
  const c = useContext(OwnerContext);
  if (!c) throw new Error("useOwner outside OwnerShell");
  return c;
}
