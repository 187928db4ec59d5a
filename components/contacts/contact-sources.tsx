"use client";

import { useCallback, useEffect, useId, useState } from "react";
import { api, describeError } from "@/lib/client/owner-api";
import { t, type MessageKey } from "@/lib/i18n";
import { REASONS } from "./contacts-import";
import { ErrorText } from "@/components/ui/banner";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { formatUnixDateTime } from "@/lib/i18n/format";
import { CardSection } from "@/components/ui/card";

type Skipped = { entry: number; label: string; reason: string };
export type Source = {
  id: string;
  kind: "carddav" | "file";
  name: string;
  url: string | null;
  username: string | null;
  lastSyncAt: number | null;
  lastError: string | null;
  lastResult: { added: number; updated: number; removed: number; skipped: Skipped[] } | null;
  syncing: boolean;
  progress: { phase: "listing" | "fetching" | "saving"; done: number; total: number } | null;
  contacts: number;
};
type SyncAnswer = { added: number; updated: number; removed: number; lastError: string | null };

const PHASES: Record<string, MessageKey> = {
  listing: "owner.sources.progress.listing",
  fetching: "owner.sources.progress.fetching",
  saving: "owner.sources.progress.saving",
};

/**
 * The owner's contact sources (contract §10): CardDAV address books and imported files, each
 * with its last result or failure, progress while a sync runs, "Sync now" and "Remove".
 * `version` changes when something else (an import) changed the sources.
 */
export function ContactSources({ onChanged, version }: { onChanged: () => Promise<void>; version: number }) {
  const [sources, setSources] = useState<Source[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const [notice, setNotice] = useState<{ text: string; tone: "ok" | "error" } | null>(null);

  const load = useCallback(async () => {
    try {
      setSources((await api<{ sources: Source[] }>("GET", "/contacts/sources")).sources);
      setError(null);
    } catch (e) {
      setError(describeError(e, t("owner.sources.loadFailed")));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, version]);

  // While a sync runs (here or started elsewhere), follow its progress.
  const running = busy.size > 0 || !!sources?.some((s) => s.syncing);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [running, load]);

  const mark = (id: string, on: boolean) =>
    setBusy((b) => {
      const n = new Set(b);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  async function syncNow(s: Source) {
    mark(s.id, true);
    setNotice(null);
    try {
      const r = await api<SyncAnswer>("POST", `/contacts/sources/${s.id}/sync`, {});
      setNotice(
        r.lastError
          ? { text: t("owner.sources.syncFailed", { name: s.name, error: r.lastError }), tone: "error" }
          : { text: t("owner.sources.syncDone", { name: s.name, added: r.added, updated: r.updated, removed: r.removed }), tone: "ok" },
      );
      await Promise.all([load(), onChanged()]);
    } catch (e) {
      setNotice({ text: t("owner.sources.syncFailed", { name: s.name, error: describeError(e) }), tone: "error" });
    } finally {
      mark(s.id, false);
    }
  }

  return (
    <CardSection id="sources-title" title={t("owner.sources.title")} intro={t("owner.sources.intro")} className="gap-3" flat>
      <div aria-live="polite">
        {notice && (
          <p className={`rounded-xl px-3 py-2 text-sm ring-1 ${notice.tone === "ok" ? "bg-emerald-50 text-emerald-900 ring-emerald-200" : "bg-red-50 text-red-900 ring-red-200"}`} data-testid="sources-notice">
            {notice.text}
          </p>
        )}
      </div>
      {error && (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded-xl bg-red-50 p-3 text-red-900 ring-1 ring-red-200">
          <p className="flex-1">{error}</p>
          <button type="button" className={buttonClass("secondary")} onClick={() => void load()}>
            {t("owner.retry")}
          </button>
        </div>
      )}
      {sources === null && !error && (
        <p role="status" className="text-sm text-slate-600">
          {t("owner.sources.loading")}
        </p>
      )}
      {sources && sources.length === 0 && <p className="text-sm text-slate-700">{t("owner.sources.empty")}</p>}
      {sources && sources.length > 0 && (
        <ul className="flex flex-col divide-y divide-slate-200" aria-label={t("owner.sources.listLabel")}>
          {sources.map((s) => (
            <SourceRow
              key={s.id}
              source={s}
              syncing={busy.has(s.id) || s.syncing}
              onSync={() => void syncNow(s)}
              onRemoved={async () => {
                await Promise.all([load(), onChanged()]);
              }}
              onEdited={async (saved) => {
                setNotice(
                  saved.lastError
                    ? { text: t("owner.sources.editedWithError", { name: saved.name, error: saved.lastError }), tone: "error" }
                    : { text: t("owner.sources.edited", { name: saved.name, n: saved.contacts }), tone: "ok" },
                );
                await Promise.all([load(), onChanged()]);
              }}
            />
          ))}
        </ul>
      )}
      <AddCarddav
        onBusy={(b) => mark("add", b)}
        onAdded={async (s) => {
          setNotice(
            s.lastError
              ? { text: t("owner.sources.addedWithError", { name: s.name, error: s.lastError }), tone: "error" }
              : { text: t("owner.sources.added", { name: s.name, n: s.contacts }), tone: "ok" },
          );
          await Promise.all([load(), onChanged()]);
        }}
      />
    </CardSection>
  );
}

function SourceRow({
  source: s,
  syncing,
  onSync,
  onRemoved,
  onEdited,
}: {
  source: Source;
  syncing: boolean;
  onSync: () => void;
  onRemoved: () => Promise<void>;
  onEdited: (s: Source) => Promise<void>;
}) {
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const progress = s.progress;

  async function remove() {
    setRemoving(true);
    try {
      await api("DELETE", `/contacts/sources/${s.id}`);
      setConfirm(false);
      await onRemoved();
    } catch (e) {
      setError(describeError(e, t("owner.sources.removeFailed")));
    } finally {
      setRemoving(false);
    }
  }

  return (
    <li data-testid="source" className="flex flex-col gap-2 py-3">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="break-words font-medium">
            {s.name} <span className="ms-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs font-normal text-slate-700">{t(s.kind === "carddav" ? "owner.sources.kind.carddav" : "owner.sources.kind.file")}</span>
          </p>
          {s.url && <p className="break-all text-sm text-slate-600">{s.url}</p>}
          <p className="text-sm text-slate-700">
            {t("owner.sources.contacts", { n: s.contacts })} · {s.lastSyncAt ? t("owner.sources.lastSync", { when: formatUnixDateTime(s.lastSyncAt) }) : t("owner.sources.never")}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {s.kind === "carddav" && <EditCarddav source={s} disabled={syncing} onSaved={onEdited} />}
          {s.kind === "carddav" && (
            <button type="button" className={buttonClass("secondary")} onClick={onSync} disabled={syncing} aria-label={syncing ? undefined : t("owner.sources.syncNamed", { name: s.name })}>
              {syncing ? t("owner.sources.syncing") : t("owner.sources.syncNow")}
            </button>
          )}
          <button
            type="button"
            className={`${buttonClass("secondary")} text-red-800`}
            aria-label={t("owner.sources.removeNamed", { name: s.name })}
            onClick={() => {
              setError(null);
              setConfirm(true);
            }}
          >
            {t("owner.sources.remove")}
          </button>
        </div>
      </div>
      <div aria-live="polite" className="text-sm" data-testid="source-status">
        {syncing && (
          <p role="status" className="text-slate-700">
            {progress ? t(PHASES[progress.phase], { done: progress.done, total: progress.total }) : t("owner.sources.syncing")}
          </p>
        )}
        {!syncing && s.lastError && <p className="rounded-lg bg-red-50 px-2 py-1 text-red-900">{t("owner.sources.error", { error: s.lastError })}</p>}
        {!syncing && !s.lastError && s.lastResult && (
          <p className="text-slate-700">{t("owner.sources.lastResult", { added: s.lastResult.added, updated: s.lastResult.updated, removed: s.lastResult.removed })}</p>
        )}
        {!syncing && s.lastResult && s.lastResult.skipped.length > 0 && (
          <details className="mt-1 text-amber-900">
            <summary className="cursor-pointer">{t("owner.sources.skipped", { n: s.lastResult.skipped.length })}</summary>
            <ul className="ms-4 list-disc">
              {s.lastResult.skipped.map((k) => (
                <li key={`${k.entry}-${k.reason}`}>
                  {k.label}: {t(REASONS[k.reason] ?? "owner.import.reason.malformed")}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <Dialog open={confirm} onClose={() => setConfirm(false)} title={t("owner.sources.removeTitle")} role="alertdialog">
        <div className="flex flex-col gap-4">
          <p>{t("owner.sources.removeBody", { name: s.name, n: s.contacts })}</p>
          <ErrorText>{error}</ErrorText>
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonClass("secondary")} onClick={() => setConfirm(false)}>
              {t("owner.cancel")}
            </button>
            <button type="button" className={buttonClass("danger")} onClick={remove} disabled={removing}>
              {t("owner.sources.remove")}
            </button>
          </div>
        </div>
      </Dialog>
    </li>
  );
}

function AddCarddav({ onAdded, onBusy }: { onAdded: (s: Source) => Promise<void>; onBusy: (busy: boolean) => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: "", url: "", username: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!form.name.trim() || !form.url.trim() || !form.username || !form.password) return setError(t("owner.sources.allNeeded"));
    setBusy(true);
    onBusy(true); // the list follows the first sync's progress meanwhile
    setError(null);
    try {
      const s = await api<Source>("POST", "/contacts/sources", { kind: "carddav", ...form, name: form.name.trim(), url: form.url.trim() });
      setForm({ name: "", url: "", username: "", password: "" });
      setOpen(false);
      await onAdded(s);
    } catch (err) {
      setError(describeError(err, t("owner.sources.addFailed")));
    } finally {
      setBusy(false);
      onBusy(false);
    }
  }

  return (
    <div>
      <button type="button" className={buttonClass("primary")} onClick={() => setOpen(true)}>
        {t("owner.sources.add")}
      </button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} title={t("owner.sources.add")}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
          <p className="text-sm text-slate-700">{t("owner.sources.addBody")}</p>
          <SourceFields id={id} form={form} set={set} adding />
          <SourceFormEnd error={error} busy={busy} busyLabel={t("owner.sources.adding")} submitLabel={t("owner.sources.addSubmit")} onCancel={() => setOpen(false)} />
        </form>
      </Dialog>
    </div>
  );
}

/**
 * A CardDAV source's address, user name, password or name changed in place (PATCH
 * /contacts/sources/{id}): its contacts stay; a new password or address syncs at once, so a
 * source failing with a wrong password recovers. The password is never shown: empty keeps it.
 */
function EditCarddav({ source, disabled, onSaved }: { source: Source; disabled: boolean; onSaved: (s: Source) => Promise<void> }) {
  const id = useId();
  const initial = () => ({ name: source.name, url: source.url ?? "", username: source.username ?? "", password: "" });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!form.name.trim() || !form.url.trim() || !form.username) return setError(t("owner.sources.editNeeded"));
    const patch: Record<string, string> = {};
    if (form.name.trim() !== source.name) patch.name = form.name.trim();
    if (form.url.trim() !== (source.url ?? "")) patch.url = form.url.trim();
    if (form.username !== (source.username ?? "")) patch.username = form.username;
    if (form.password) patch.password = form.password;
    if (Object.keys(patch).length === 0) return setOpen(false);
    setBusy(true);
    setError(null);
    try {
      const saved = await api<Source>("PATCH", `/contacts/sources/${source.id}`, patch);
      setOpen(false);
      await onSaved(saved);
    } catch (err) {
      setError(describeError(err, t("owner.sources.editFailed")));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass("secondary")}
        disabled={disabled}
        aria-label={t("owner.sources.editNamed", { name: source.name })}
        onClick={() => {
          setForm(initial());
          setError(null);
          setOpen(true);
        }}
      >
        {t("owner.sources.edit")}
      </button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} title={t("owner.sources.editTitle")}>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
          <p className="text-sm text-slate-700">{t("owner.sources.editBody")}</p>
          <SourceFields id={id} form={form} set={set} />
          <SourceFormEnd error={error} busy={busy} busyLabel={t("owner.sources.editSaving")} submitLabel={t("owner.sources.editSave")} onCancel={() => setOpen(false)} />
        </form>
      </Dialog>
    </>
  );
}

type SourceForm = { name: string; url: string; username: string; password: string };

/**
 * The fields of a CardDAV source, shared by "Add" and "Edit". Adding asks for the password the
 * server has; editing never shows the stored one (empty keeps it).
 */
function SourceFields({
  id,
  form,
  set,
  adding = false,
}: {
  id: string;
  form: SourceForm;
  set: (k: keyof SourceForm) => (e: React.ChangeEvent<HTMLInputElement>) => void;
  adding?: boolean;
}) {
  return (
    <>
      <Field id={`${id}-name`} label={t("owner.sources.name")}>
        <input id={`${id}-name`} className={inputClass} value={form.name} maxLength={100} placeholder={adding ? t("owner.sources.namePlaceholder") : undefined} onChange={set("name")} />
      </Field>
      <Field id={`${id}-url`} label={t("owner.sources.url")}>
        <input id={`${id}-url`} className={inputClass} type="url" inputMode="url" autoComplete="url" value={form.url} maxLength={2048} placeholder={adding ? "https://dav.example.com/" : undefined} onChange={set("url")} />
      </Field>
      <Field id={`${id}-user`} label={t("owner.sources.username")}>
        <input id={`${id}-user`} className={inputClass} autoComplete="username" autoCapitalize="none" value={form.username} maxLength={256} onChange={set("username")} />
      </Field>
      <Field id={`${id}-pw`} label={t("owner.sources.password")} hint={adding ? undefined : t("owner.sources.passwordKeep")}>
        <input
          id={`${id}-pw`}
          className={inputClass}
          type="password"
          autoComplete={adding ? "current-password" : "new-password"}
          value={form.password}
          maxLength={1024}
          aria-describedby={adding ? undefined : `${id}-pw-hint`}
          onChange={set("password")}
        />
      </Field>
    </>
  );
}

/** A source dialog's error, progress while the server works, and its two buttons. */
function SourceFormEnd({ error, busy, busyLabel, submitLabel, onCancel }: { error: string | null; busy: boolean; busyLabel: string; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      <ErrorText>{error}</ErrorText>
      {busy && (
        <p role="status" className="text-sm text-slate-700">
          {busyLabel}
        </p>
      )}
      <div className="flex flex-wrap justify-end gap-2">
        <button type="button" className={buttonClass("secondary")} onClick={onCancel} disabled={busy}>
          {t("owner.cancel")}
        </button>
        <button type="submit" className={buttonClass("primary")} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </>
  );
}
