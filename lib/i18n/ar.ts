import type { Catalog } from "./en";
import { auth } from "./ar/auth";
import { common } from "./ar/common";
import { guest } from "./ar/guest";
import { identity } from "./ar/identity";
import { owner } from "./ar/owner";

/** Arabic (right-to-left): one file per area under ./ar/, same keys as ./en/. */
export const ar: Catalog = { ...common, ...auth, ...guest, ...owner, ...identity };
