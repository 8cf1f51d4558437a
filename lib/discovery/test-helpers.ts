// Shared by the discovery tests: fixtures from __fixtures__ and the line of a piece of text.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { SourceFile } from "./types";

export function fixture(name: string, as = name): SourceFile {
  return { path: as, text: readFileSync(path.join(import.meta.dirname, "__fixtures__", name), "utf8") };
}

/** 1-based line of the first occurrence of `needle` (the test fails loudly if it is missing). */
export function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" is not in the text`);
  return text.slice(0, at).split("\n").length;
}
