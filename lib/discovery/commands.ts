// What an allow-list's shell entry reaches, by COMMAND_RULES. An entry is a command pattern: either
// exact (`npm run lint`) or a prefix (`git push:*`, `git push *`, Gemini CLI's `git`). A prefix
// covers every rule it is a prefix of (`kubectl:*` covers `kubectl delete`) and every rule that is a
// prefix of it (`kubectl delete pod:*` is still `kubectl delete`).
import { COMMAND_RULES, LOCAL_COMMANDS, type CommandRule } from "./rules/commands";

export interface CommandPattern {
  words: string[];
  prefix: boolean;
}

export interface CommandReach {
  rules: CommandRule[];
  /** True when some part is reviewed as local only (so the entry is known even with no rule). */
  local: boolean;
}

const words = (command: string) => command.trim().split(/\s+/).filter(Boolean);
const RULE_WORDS = COMMAND_RULES.map((rule) => ({ rule: rule as CommandRule, words: words(rule.command) }));
const LOCAL_WORDS = LOCAL_COMMANDS.map(words);

function startsWith(haystack: string[], needle: string[]): boolean {
  return needle.length <= haystack.length && needle.every((word, i) => haystack[i] === word);
}

/** `FOO=1 sudo git push` is `git push`. */
function strip(command: string[]): string[] {
  let i = 0;
  while (i < command.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(command[i]) || command[i] === "sudo")) i++;
  return command.slice(i);
}

/** Claude Code's `git push:*`, `git push *`, `*`; a `*` inside ends the known prefix. */
export function claudeCommandPattern(spec: string | undefined): CommandPattern[] {
  if (spec === undefined || spec.trim() === "" || spec.trim() === "*") return [{ words: [], prefix: true }];
  const parts = spec.split(/&&|\|\||;|\|/);
  return parts.map((part, index) => {
    const last = index === parts.length - 1;
    let text = part.trim();
    let prefix = false;
    if (last && text.endsWith(":*")) {
      text = text.slice(0, -2);
      prefix = true;
    }
    const star = text.indexOf("*");
    if (star !== -1) {
      text = text.slice(0, star);
      prefix = true;
    }
    return { words: strip(words(text)), prefix };
  });
}

/** Gemini CLI's `run_shell_command(git)` allows every command that starts with `git`. */
export function prefixCommandPattern(spec: string | undefined): CommandPattern[] {
  return [{ words: strip(words(spec ?? "")), prefix: true }];
}

function covers(pattern: CommandPattern, rule: string[]): boolean {
  return startsWith(pattern.words, rule) || (pattern.prefix && startsWith(rule, pattern.words));
}

export function commandReach(patterns: CommandPattern[]): CommandReach {
  const rules = new Set<CommandRule>();
  let local = false;
  for (const pattern of patterns) {
    for (const { rule, words: ruleWords } of RULE_WORDS) if (covers(pattern, ruleWords)) rules.add(rule);
    if (LOCAL_WORDS.some((localWords) => covers(pattern, localWords))) local = true;
  }
  return { rules: [...rules], local };
}

/** A deny entry cancels a rule only when it denies every command the rule stands for. */
export function deniesRule(deny: CommandPattern[], rule: CommandRule): boolean {
  const ruleWords = words(rule.command);
  return deny.length === 1 && deny[0].prefix && startsWith(ruleWords, deny[0].words);
}
