import type { Catalog } from "./en";
import { auth } from "./de/auth";
import { common } from "./de/common";
import { guest } from "./de/guest";
import { identity } from "./de/identity";
import { owner } from "./de/owner";

/** German: one file per area under ./de/, same keys as ./en/. */
export const de: Catalog = { ...common, ...auth, ...guest, ...owner, ...identity };
