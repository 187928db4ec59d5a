import type { Catalog } from "./en";

export const de: Catalog = {};
