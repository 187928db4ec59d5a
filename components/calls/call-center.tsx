"use client";

import { useCallback, useEffect, useImperativeHandle, useRef, useState } from "react";
import { api } from "@/lib/client/owner-api";
import { OwnerCall, type IncomingCall } from "@/lib/client/calls/owner-call";
import { listenOwnerEvents, type CallEvent } from "@/lib/client/dashboard/owner-events";
import { Ringtone } from "@/lib/client/calls/owner-ringtone";
import { t } from "@/lib/i18n";
import { CallView } from "./call-view";
import { showSystemNotification } from "../dashboard/notifications";
import { useOwner } from "../dashboard/owner-context";
import { RingDialog } from "./ring-dialog";

export type CallCenterHandle = { callPerson: (email: string, name: string) => void };

declare global {
  interface Window {
    /** For tests: whether this tab's ringtone is sounding. */
    __loopRinging?: () => boolean;
  }
}

/**
 * Calls on the owner's side. Incoming calls (`event: call` on GET /events, and GET /calls on
 * every (re)connection for calls that began before the stream) ring in every open tab; the
 * tab that accepts keeps the call, the others are told "answered-elsewhere" by the server and
 * stop. Outgoing calls start from Contacts. One call at a time per tab.
 */
export function CallCenter({ ref }: { ref: React.Ref<CallCenterHandle> }) {
  const owner = useOwner();
  const [ringing, setRinging] = useState<OwnerCall[]>([]);
  const [active, setActive] = useState<OwnerCall | null>(null);
  const known = useRef(new Set<string>());
  const activeRef = useRef<OwnerCall | null>(null);
  activeRef.current = active;
  const ringtone = useRef<Ringtone | null>(null);
  const names = useRef<Map<string, string> | null>(null);
  const toast = owner.toast;

  const nameFor = useCallback(async (id: string) => {
    if (!names.current) {
      try {
        const r = await api<{ contacts: { name: string; email: string }[] }>("GET", "/contacts");
        names.current = new Map(r.contacts.map((c) => [c.email, c.name]));
      } catch {
        names.current = new Map();
      }
    }
    return names.current.get(id.toLowerCase()) ?? id;
  }, []);

  const addIncoming = useCallback(
    async (c: IncomingCall) => {
      if (known.current.has(c.callId) || activeRef.current?.snapshot.callId === c.callId) return;
      if (c.state && c.state !== "init" && c.state !== "alerting") return;
      known.current.add(c.callId);
      const call = OwnerCall.incoming(c, await nameFor(c.callerId));
      const off = call.subscribe(() => {
        const s = call.snapshot;
        if (s.phase === "ringing") return;
        off();
        setRinging((list) => list.filter((x) => x !== call));
        if (s.phase === "connecting" || s.phase === "live") setActive(call);
        else if (s.phase === "ended" && s.endedBy !== "self" && s.reason !== "answered-elsewhere") {
          toast({ text: t("owner.call.missed", { name: s.peerName }) });
        }
      });
      setRinging((list) => [...list, call]);
      showSystemNotification(t("owner.ring.notificationTitle"), t("owner.ring.incoming", { name: call.snapshot.peerName }), `call-${c.callId}`);
    },
    [nameFor, toast],
  );

  useEffect(
    () =>
      listenOwnerEvents({
        call: (e: CallEvent) => {
          if (typeof e.websocketToken === "string") void addIncoming(e as unknown as IncomingCall);
        },
        open: async () => {
          try {
            const r = await api<{ calls: IncomingCall[] }>("GET", "/calls?version=0");
            for (const c of r.calls) void addIncoming(c);
          } catch {
            /* the next event or reconnection tries again */
          }
        },
      }),
    [addIncoming],
  );

  // The ringtone sounds while anything rings here and this tab is not in a call.
  const shouldRing = ringing.length > 0 && !active;
  useEffect(() => {
    if (!shouldRing) return;
    const r = new Ringtone();
    ringtone.current = r;
    r.start();
    window.__loopRinging = () => true;
    return () => {
      r.stop();
      ringtone.current = null;
      window.__loopRinging = () => false;
    };
  }, [shouldRing]);

  useImperativeHandle(
    ref,
    () => ({
      callPerson: (email, name) => {
        if (activeRef.current && activeRef.current.snapshot.phase !== "ended") {
          toast({ text: t("owner.call.alreadyInCall"), tone: "error" });
          return;
        }
        setActive(OwnerCall.outgoing(email, name));
      },
    }),
    [toast],
  );

  const first = ringing[0];
  return (
    <>
      {first && !active && <RingDialog call={first} />}
      {active && (
        <CallView
          call={active}
          onClose={() => {
            active.dispose();
            setActive(null);
          }}
        />
      )}
    </>
  );
}
