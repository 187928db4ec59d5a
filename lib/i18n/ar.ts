import type { Catalog } from "./en";

export const ar: Catalog = {};
