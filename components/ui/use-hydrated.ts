import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False while the server renders (and during hydration), true in the browser after. A chart drawn
 * only then costs the server nothing on every request to the overview, which draws two; their
 * summaries and tables still render on the server.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
