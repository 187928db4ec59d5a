"use client";

import { useEffect, useState } from "react";

/** False until React has hydrated the page (buttons that must not act before then use it). */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
