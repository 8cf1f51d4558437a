// What a range of commits is, for the deploy gate: who made it (AI origin, per commit and for the
// range) and what kind of change it is (from the paths). Pure: scripts/gate.ts reads git.
import { matchesGlob } from "@/lib/discovery/glob";
import { CHANGE_TYPES, type AiOrigin, type ChangeType } from "@/lib/policy/types";
import { AI_IDENTITIES, AI_TRAILER_KEYS, GENERATED_WITH_LINE, PRODUCT_WORDS } from "./rules/ai-identities";
import { CHANGE_TYPE_RULES } from "./rules/change-types";

export interface GateCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  message: string;
  /** The commit's note under refs/notes/ai (git-ai), "" when none. */
  aiNote: string;
}

export interface CommitOrigin {
  sha: string;
  ai: boolean;
  /** The products its signals name, first first. */
  products: string[];
  /** What says so, in words ("Co-authored-by: Claude <noreply@anthropic.com>"). */
  signals: string[];
}

const productOfEmail = (email: string): string | null => AI_IDENTITIES.find((rule) => rule.email.test(email.trim().toLowerCase()))?.product ?? null;
const productOfText = (text: string): string | null => PRODUCT_WORDS.find(([word]) => word.test(text))?.[1] ?? null;
const emailIn = (value: string): string | null => /<([^>]+)>/.exec(value)?.[1] ?? null;

/**
 * The trailers of a message: the `Key: value` lines of its last paragraph, a value folded onto the
 * next lines when they start with blanks. Other lines there (`(cherry picked from commit …)`) are
 * passed over, as git passes over them.
 */
export function trailersOf(message: string): { key: string; value: string }[] {
  const paragraphs = message.trim().split(/\n\s*\n/);
  if (paragraphs.length < 2) return [];
  const trailers: { key: string; value: string }[] = [];
  let last: { key: string; value: string } | null = null;
  for (const line of paragraphs[paragraphs.length - 1].split("\n")) {
    const match = /^([A-Za-z][A-Za-z0-9-]*):\s*(.+)$/.exec(line.trimEnd());
    if (match) trailers.push((last = { key: match[1].toLowerCase(), value: match[2].trim() }));
    else if (last && /^\s+\S/.test(line)) last.value = `${last.value} ${line.trim()}`;
    else last = null;
  }
  return trailers;
}

export function commitOrigin(commit: GateCommit): CommitOrigin {
  const signals: string[] = [];
  const products: string[] = [];
  const authored = productOfEmail(commit.authorEmail);
  if (authored) {
    signals.push(`authored by ${commit.authorName} <${commit.authorEmail}>`);
    products.push(authored);
  }
  for (const { key, value } of trailersOf(commit.message)) {
    if (key === "co-authored-by") {
      const email = emailIn(value);
      const product = email ? productOfEmail(email) : null;
      if (product) {
        signals.push(`Co-authored-by: ${value}`);
        products.push(product);
      }
    } else if ((AI_TRAILER_KEYS as readonly string[]).includes(key)) {
      signals.push(`${key === "assisted-by" ? "Assisted-by" : "Generated-by"}: ${value}`);
      const email = emailIn(value);
      const product = (email && productOfEmail(email)) || productOfText(value);
      if (product) products.push(product);
    }
  }
  // "Generated with protoc" is a human's generated code: the line counts only when it names an AI tool.
  const generated = GENERATED_WITH_LINE.exec(commit.message);
  const generatedBy = generated && productOfText(generated[1]);
  if (generatedBy) {
    signals.push(`"Generated with ${generated[1].trim()}"`);
    products.push(generatedBy);
  }
  if (commit.aiNote.trim()) {
    signals.push("a git-ai note (refs/notes/ai)");
    const product = productOfText(commit.aiNote);
    if (product) products.push(product);
  }
  return { sha: commit.sha, ai: signals.length > 0, products: [...new Set(products)], signals };
}

export interface RangeOrigin {
  aiOrigin: AiOrigin;
  /** Every product the range's commits name, in the order they first appear. */
  products: string[];
  commits: CommitOrigin[];
}

/** AI_GENERATED when every commit is an AI tool's (by its author or a signal in it), AI_ASSISTED when any is, else HUMAN. */
export function rangeOrigin(commits: readonly GateCommit[]): RangeOrigin {
  const origins = commits.map(commitOrigin);
  const ai = origins.filter((o) => o.ai).length;
  const aiOrigin: AiOrigin = ai === 0 ? "HUMAN" : ai === origins.length ? "AI_GENERATED" : "AI_ASSISTED";
  return { aiOrigin, products: [...new Set(origins.flatMap((o) => o.products))], commits: origins };
}

/** The riskiest change type the paths make, and the path and rule that decided (null for CODE). */
export function changeTypeOf(paths: readonly string[]): { type: ChangeType; path: string | null; reason: string | null } {
  let best: { type: ChangeType; path: string | null; reason: string | null } = { type: "CODE", path: null, reason: null };
  for (const path of paths) {
    for (const rule of CHANGE_TYPE_RULES) {
      if (CHANGE_TYPES.indexOf(rule.type) > CHANGE_TYPES.indexOf(best.type) && matchesGlob(path, rule.glob)) best = { type: rule.type, path, reason: rule.reason };
    }
  }
  return best;
}
