import type { Catalog } from "./en";
import { auth } from "./es/auth";
import { common } from "./es/common";
import { guest } from "./es/guest";
import { identity } from "./es/identity";
import { owner } from "./es/owner";

/** Spanish: one file per area under ./es/, same keys as ./en/. */
export const es: Catalog = { ...common, ...auth, ...guest, ...owner, ...identity };
