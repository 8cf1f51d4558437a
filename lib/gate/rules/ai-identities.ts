// How a commit says an AI tool made it: the identities AI tools commit or co-author as, and the lines
// they add. Reviewed like the policy: each row says why and where the identity was seen. A commit
// authored by one of these identities, or naming one in a trailer, was made with that AI tool.

export interface AiIdentityRule {
  product: string;
  /** Tested against the e-mail address of an author or a trailer, lower-cased. */
  email: RegExp;
  reason: string;
  source: string;
}

export const AI_IDENTITIES: readonly AiIdentityRule[] = [
  {
    product: "claude-code",
    email: /^noreply@anthropic\.com$/,
    reason: "Claude Code adds `Co-Authored-By: Claude <noreply@anthropic.com>` to the commits it writes",
    source: "https://docs.anthropic.com/en/docs/claude-code/settings (includeCoAuthoredBy)",
  },
  {
    product: "copilot",
    email: /^\d+\+copilot@users\.noreply\.github\.com$/,
    reason: "GitHub Copilot's agents commit and co-author as the Copilot bot's no-reply address (e.g. 223556219+Copilot@…, 198982749+Copilot@…)",
    source: "public commits with `Co-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>`",
  },
  {
    product: "cursor",
    email: /^cursoragent@cursor\.com$/,
    reason: "Cursor's background agent commits as `Cursor Agent <cursoragent@cursor.com>` and adds it as a co-author",
    source: "public commits with `Co-authored-by: Cursor <cursoragent@cursor.com>`",
  },
  {
    product: "codex",
    email: /^(noreply@openai\.com|\d+\+chatgpt-codex-connector\[bot\]@users\.noreply\.github\.com)$/,
    reason: "OpenAI Codex co-authors as `Codex <noreply@openai.com>`; its GitHub connector commits as chatgpt-codex-connector[bot]",
    source: "public commit conventions naming `Co-authored-by: Codex <noreply@openai.com>`",
  },
  {
    product: "gemini",
    email: /^\d+\+gemini-code-assist\[bot\]@users\.noreply\.github\.com$/,
    reason: "Gemini Code Assist's suggestions, once applied, co-author as its bot",
    source: "public commits with `Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>`",
  },
  {
    product: "devin",
    email: /^(\d+\+devin-ai-integration\[bot\]@users\.noreply\.github\.com|devin@cognition\.ai)$/,
    reason: "Devin commits and co-authors as its GitHub integration's bot",
    source: "public commits with `Co-Authored-By: Devin <158243242+devin-ai-integration[bot]@users.noreply.github.com>`",
  },
];

/** Trailers that say an AI tool helped, whoever they name (`Assisted-by: GPT-5 via opencode`). */
export const AI_TRAILER_KEYS = ["assisted-by", "generated-by"] as const;

/** A line some tools add to the message body ("🤖 Generated with [Claude Code](…)"); the product is what follows. */
export const GENERATED_WITH_LINE = /^\W*generated with \[?([^\]\n(]+?)\]?(?:\(.*\))?\s*$/im;

/** Words that name a product in free text (an Assisted-by value, a "Generated with" line, a git-ai note), most specific first. */
export const PRODUCT_WORDS: readonly [word: RegExp, product: string][] = [
  [/\bclaude\b/i, "claude-code"],
  [/\bcopilot\b/i, "copilot"],
  [/\bcursor\b/i, "cursor"],
  [/\bcodex\b/i, "codex"],
  [/\bgemini\b/i, "gemini"],
  [/\bdevin\b/i, "devin"],
];
