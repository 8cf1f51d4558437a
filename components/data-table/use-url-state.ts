"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useTransition } from "react";

export type UrlState = ReturnType<typeof useUrlState>;

// Table state lives in the URL so that a link reproduces the view; this writes it back.
export function useUrlState() {
  const router = useRouter();
  // Null only under the Pages Router, which serves no pages here (it exists for /api/v1/changes).
  const pathname = usePathname() ?? "/";
  const params = useSearchParams();
  const searchParams = useMemo(() => params ?? new URLSearchParams(), [params]);
  const [pending, startTransition] = useTransition();

  const update = useCallback(
    (changes: Record<string, string | null>, options: { resetPage?: boolean } = { resetPage: true }) => {
      const next = new URLSearchParams(searchParams.toString());
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
      }
      if (options.resetPage) next.delete("page");
      const query = next.toString();
      startTransition(() => router.push(query ? `${pathname}?${query}` : pathname, { scroll: false }));
    },
    [pathname, router, searchParams],
  );

  return { searchParams, update, pending };
}
