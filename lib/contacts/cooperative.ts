import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Long work (parsing a big address book, applying a big sync) shares the event loop: call the
 * returned function often; it gives the loop a turn once `budgetMs` of work has passed since
 * the last turn, so requests arriving meanwhile (a heartbeat, a call) wait at most about that.
 */
export function cooperative(budgetMs = 8) {
  let since = performance.now();
  return async function maybeYield() {
    if (performance.now() - since < budgetMs) return;
    await nextTurn();
    since = performance.now();
  };
}

/** Runs `step` over `items`, yielding to the event loop between items once the budget is spent. */
export async function forEachCooperative<T>(items: Iterable<T>, step: (item: T) => void, budgetMs = 8) {
  const maybeYield = cooperative(budgetMs);
  for (const item of items) {
    step(item);
    await maybeYield();
  }
}
