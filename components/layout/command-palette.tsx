"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { SearchResultsDto } from "@/lib/dto/search";
import { navigationLinks } from "./nav-links";

// The palette's hits per kind: enough to pick from without scrolling on a phone.
const HITS_PER_KIND = 5;

// One palette per page, opened by the search buttons and the shortcut alike: a small store they share.
let paletteOpen = false;
// Where the focus goes back to on close: Radix gives it to a Dialog.Trigger, and the shortcut has none.
let focusedBefore: HTMLElement | null = null;
const listeners = new Set<() => void>();
function setPaletteOpen(open: boolean): void {
  if (open && !paletteOpen) focusedBefore = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  paletteOpen = open;
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const usePaletteOpen = () => useSyncExternalStore(subscribe, () => paletteOpen, () => false);

/**
 * The command palette: ⌘K / Ctrl-K anywhere, or a search button, opens a dialog that finds the
 * pages of the navigation (here) and the register's tools, incidents, grants, changes and people
 * (through GET /api/v1/search, which answers what the user's role may see). cmdk gives the combobox
 * and listbox semantics and the arrow keys; Radix's dialog traps focus and gives it back on close.
 */
export function CommandPalette({ admin }: { admin: boolean }) {
  const open = usePaletteOpen();
  useEffect(() => {
    const toggle = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        setPaletteOpen(!paletteOpen);
      }
    };
    window.addEventListener("keydown", toggle);
    return () => window.removeEventListener("keydown", toggle);
  }, []);
  return (
    <Dialog.Root open={open} onOpenChange={setPaletteOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            focusedBefore?.focus();
          }}
          className="fixed inset-x-3 top-[8vh] z-50 mx-auto max-w-xl overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-200">
          <Dialog.Title className="sr-only">Search the register</Dialog.Title>
          {/* Mounted only while open, so each opening starts from an empty search. */}
          <PaletteSearch admin={admin} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

type Answer = { q: string; results: SearchResultsDto | null; error: string | null };

const GROUP =
  "[&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:uppercase [&_[cmdk-group-heading]]:tracking-wide [&_[cmdk-group-heading]]:text-slate-600";
const ITEM = "flex cursor-pointer flex-col gap-0.5 rounded-md px-3 py-2 text-slate-900 data-[selected=true]:bg-brand-50 data-[selected=true]:text-brand-900";

function PaletteSearch({ admin }: { admin: boolean }) {
  const router = useRouter();
  const [text, setText] = useState("");
  const [selected, setSelected] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const q = text.trim();

  useEffect(() => {
    if (!q) return;
    // Each keystroke's question supersedes the one before.
    const controller = new AbortController();
    fetch(`/api/v1/search?${new URLSearchParams({ q, limit: String(HITS_PER_KIND) })}`, { signal: controller.signal, headers: { accept: "application/json" } })
      .then(async (response) => {
        const body = await response.json();
        setAnswer(response.ok ? { q, results: body as SearchResultsDto, error: null } : { q, results: null, error: body?.error?.message ?? `The search failed (${response.status}).` });
      })
      .catch(() => {
        if (!controller.signal.aborted) setAnswer({ q, results: null, error: "The search failed: the register did not answer." });
      });
    return () => controller.abort();
  }, [q]);

  const pages = navigationLinks(admin).filter((link) => link.label.toLowerCase().includes(q.toLowerCase()));
  const current = q && answer?.q === q ? answer : null;
  const groups = current?.results?.groups ?? [];
  const searching = q !== "" && current === null;
  const values = [...pages.map((page) => `page:${page.href}`), ...groups.flatMap((group) => group.hits.map((hit) => `${hit.kind}:${hit.id}`))];
  // The first hit is the one Enter opens until the arrow keys choose another.
  const active = values.includes(selected) ? selected : (values[0] ?? "");

  const go = (href: string) => {
    setPaletteOpen(false);
    router.push(href);
  };

  return (
    <Command label="Search the register" shouldFilter={false} loop value={active} onValueChange={setSelected}>
      <div className="flex items-center gap-2 border-b border-slate-200 px-3">
        <Search aria-hidden className="size-4 shrink-0 text-slate-500" />
        <Command.Input
          value={text}
          onValueChange={setText}
          placeholder="Search tools, incidents, grants, changes, pages…"
          className="h-12 w-full min-w-0 bg-transparent text-sm text-slate-900 outline-none placeholder:text-slate-500"
        />
        <kbd className="hidden rounded border border-slate-300 px-1.5 py-0.5 font-sans text-[11px] text-slate-600 sm:inline">Esc</kbd>
      </div>
      <Command.List className="max-h-[min(60vh,28rem)] overflow-y-auto p-2 text-sm">
        {searching && <Command.Loading className="px-3 py-2 text-slate-600">Searching…</Command.Loading>}
        {current?.error && (
          <p role="alert" className="px-3 py-2 text-red-800">
            {current.error}
          </p>
        )}
        {!searching && !current?.error && <Command.Empty className="px-3 py-6 text-center text-slate-600">Nothing matches “{q}”.</Command.Empty>}
        {pages.length > 0 && (
          <Command.Group heading="Pages" className={GROUP}>
            {pages.map((page) => (
              <Command.Item key={page.href} value={`page:${page.href}`} onSelect={() => go(page.href)} className={ITEM}>
                <span className="font-medium">{page.label}</span>
                <span className="text-xs text-slate-600">{page.href}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {groups.map((group) => (
          <Command.Group key={group.kind} heading={group.label} className={GROUP}>
            {group.hits.map((hit) => (
              <Command.Item key={hit.id} value={`${hit.kind}:${hit.id}`} onSelect={() => go(hit.href)} className={ITEM}>
                <span className="truncate font-medium">{hit.title}</span>
                <span className="truncate text-xs text-slate-600">{hit.detail}</span>
              </Command.Item>
            ))}
            {group.more && <p className="px-3 pb-1 text-xs text-slate-600">More {group.label.toLowerCase()} match: type more of the name.</p>}
          </Command.Group>
        ))}
      </Command.List>
      <p className="border-t border-slate-200 px-3 py-2 text-xs text-slate-600">
        <kbd className="font-sans">↑</kbd> <kbd className="font-sans">↓</kbd> to move · <kbd className="font-sans">Enter</kbd> to open · <kbd className="font-sans">Esc</kbd> to close
      </p>
    </Command>
  );
}

/** The search box of the sidebar and the top bar: it opens the palette. */
export function SearchButton({ compact = false }: { compact?: boolean }) {
  const hydrated = useHydrated();
  const mac = hydrated && /Mac|iPhone|iPad/.test(navigator.userAgent);
  return (
    <button
      type="button"
      onClick={() => setPaletteOpen(true)}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K Meta+K"
      className={
        compact
          ? "inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300"
          : "flex w-full items-center gap-2 rounded-md bg-white px-2.5 py-1.5 text-left text-sm text-slate-600 ring-1 ring-inset ring-slate-300 hover:ring-slate-400"
      }
    >
      <Search aria-hidden className="size-4 shrink-0" />
      <span className={compact ? "sr-only" : "flex-1"}>Search</span>
      {!compact && (
        <kbd aria-hidden className="rounded border border-slate-300 px-1.5 font-sans text-[11px] text-slate-600">
          {mac ? "⌘K" : "Ctrl K"}
        </kbd>
      )}
    </button>
  );
}
