import { auth } from "./en/auth";
import { common } from "./en/common";
import { guest } from "./en/guest";
import { identity } from "./en/identity";
import { owner } from "./en/owner";

/**
 * The English catalog: every user-facing string of the web app, one file per area under
 * ./en/. A translation is a copy of that folder with the values changed (same keys).
 */
export const en = { ...common, ...auth, ...guest, ...owner, ...identity } as const;

export type MessageKey = keyof typeof en;

/** A translation: the same keys (the completeness test checks them), values in its language. */
export type Catalog = Record<string, string>;
