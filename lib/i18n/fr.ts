import type { Catalog } from "./en";
import { auth } from "./fr/auth";
import { common } from "./fr/common";
import { guest } from "./fr/guest";
import { identity } from "./fr/identity";
import { owner } from "./fr/owner";

/** French: one file per area under ./fr/, same keys as ./en/. */
export const fr: Catalog = { ...common, ...auth, ...guest, ...owner, ...identity };
