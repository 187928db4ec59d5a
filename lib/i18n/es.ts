import type { Catalog } from "./en";

export const es: Catalog = {};
