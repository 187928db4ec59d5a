"use client";
import { useSyncExternalStore } from "react";
import type { Store } from "./store";

/** Renders from a controller's snapshot; the server render sees the initial state. */
export function useStore<S extends object>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
