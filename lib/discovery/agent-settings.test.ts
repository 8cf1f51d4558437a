import { describe, expect, it } from "vitest";
import { scanSettings, settingsRule } from "./agent-settings";
import { LOCAL_TOOLS, PERMISSION_MODES, SETTINGS_FILES } from "./rules/agent-settings";
import { autonomyRule } from "./rules/autonomy";
import { sortCapabilities } from "./rules/capabilities";
import { COMMAND_RULES, LOCAL_COMMANDS } from "./rules/commands";
import { fixture, lineOf } from "./test-helpers";

const CLAUDE = ".claude/settings.json";
const GEMINI = ".gemini/settings.json";
const scan = (text: string, path = CLAUDE) => scanSettings([{ path, text }]);
const claude = (permissions: Record<string, unknown>) => JSON.stringify({ permissions }, null, 2);
const gemini = (allowed: string[], exclude: string[] = []) => JSON.stringify({ tools: { allowed, exclude } }, null, 2);

describe("agent settings files", () => {
  it("reads Claude Code project settings: the mode gives the autonomy, the allow-list the capabilities", () => {
    const file = fixture("claude-settings.json", CLAUDE);
    const result = scanSettings([file]);
    expect(result.errors).toEqual([]);
    expect(result.unknown).toEqual([]);
    const [access] = result.accesses;
    expect(access).toMatchObject({
      connector: "agent-settings",
      product: "claude-code",
      refs: ["claude-code"],
      environmentKeys: [],
      autonomy: "AGENT",
      capabilities: ["repo:write", "pr:create", "env:delete"],
      line: lineOf(file.text, '"defaultMode"'),
    });
    const byLine = new Map(access.evidence.map((e) => [e.line, e.detail]));
    expect(byLine.get(lineOf(file.text, '"Bash(kubectl delete:*)"'))).toBe(
      "permissions.allow Bash(kubectl delete:*) (kubectl delete: deletes cluster objects, namespaces included): env:delete",
    );
    expect(byLine.get(lineOf(file.text, '"Bash(git push:*)"'))).toContain("repo:write");
    expect(byLine.get(lineOf(file.text, '"defaultMode"'))).toContain("permissions.defaultMode: acceptEdits");
    // Local-only entries grant nothing and are known, so they are neither evidence nor unknown.
    expect(byLine.has(lineOf(file.text, '"Bash(npm run lint)"'))).toBe(false);
  });

  it("reads Gemini CLI settings: prefix allow-list, exclude as deny, approval mode", () => {
    const file = fixture("gemini-settings.json", GEMINI);
    const [access] = scanSettings([file]).accesses;
    expect(access).toMatchObject({ product: "gemini-cli", autonomy: "AGENT", capabilities: ["repo:read"] });
    // run_shell_command(git) covers git push too, but tools.exclude takes it back.
    expect(access.evidence.find((e) => e.line === lineOf(file.text, '"run_shell_command(git)"'))?.detail).toContain("git fetch");
  });

  describe("every permission mode in the table", () => {
    it.each(PERMISSION_MODES.map((row) => [`${row.format} ${row.mode}`, row]))("%s", (_name, row) => {
      const text =
        row.format === "claude-code"
          ? JSON.stringify({ permissions: { defaultMode: row.mode } }, null, 2)
          : JSON.stringify({ general: { defaultApprovalMode: row.mode } }, null, 2);
      const [access] = scan(text, row.format === "claude-code" ? CLAUDE : GEMINI).accesses;
      expect(access.autonomy).toBe(autonomyRule(row.autonomyRule).autonomy);
      expect(access.line).toBe(3);
      expect(access.evidence[0].detail).toContain(row.reason);
    });
  });

  it("takes a file without a mode as the default mode, and reports a mode it does not know", () => {
    const [access] = scan('{ "model": "opus" }').accesses;
    expect(access.autonomy).toBe("AGENT");
    expect(access.evidence[0]).toMatchObject({ line: 1, detail: expect.stringContaining('no permissions.defaultMode, so "default"') });
    const unknownMode = scan(claude({ defaultMode: "yolo" }));
    expect(unknownMode.unknown).toEqual([expect.objectContaining({ kind: "permission-mode", value: "yolo", line: 3 })]);
    expect(unknownMode.accesses[0].autonomy).toBe("AGENT");
  });

  describe("every command rule, as a Claude Code prefix, an exact command and a Gemini CLI entry", () => {
    it.each(COMMAND_RULES.map((rule) => [rule.command, rule]))("%s", (command, rule) => {
      for (const result of [scan(claude({ allow: [`Bash(${command}:*)`] })), scan(claude({ allow: [`Bash(${command} --dry-run)`] })), scan(gemini([`run_shell_command(${command})`]), GEMINI)]) {
        expect(result.unknown).toEqual([]);
        expect(result.accesses[0].capabilities).toEqual(expect.arrayContaining([...rule.capabilities]));
      }
    });
  });

  it.each(LOCAL_COMMANDS.map((command) => [command]))("a local command reaches nothing and is known: %s", (command) => {
    const result = scan(claude({ allow: [`Bash(${command})`] }));
    expect(result.unknown).toEqual([]);
    expect(result.accesses[0].capabilities).toEqual([]);
  });

  it.each(LOCAL_TOOLS.map((rule) => [`${rule.format} ${rule.tool}`, rule]))("a local tool reaches nothing and is known: %s", (_name, rule) => {
    const entry = rule.tool.replace("*", "server__tool");
    const result = rule.format === "claude-code" ? scan(claude({ allow: [entry, `${entry}(src/**)`] })) : scan(gemini([entry]), GEMINI);
    expect(result.unknown).toEqual([]);
    expect(result.accesses[0].capabilities).toEqual([]);
  });

  it("treats an allow-listed shell with no limit as every command rule", () => {
    const every = sortCapabilities(COMMAND_RULES.flatMap((rule) => rule.capabilities));
    for (const entry of ["Bash", "Bash(*)"]) {
      const [access] = scan(claude({ allow: [entry] })).accesses;
      expect(access.capabilities).toEqual(every);
      expect(access.evidence[1].detail).toContain("every shell command");
    }
    expect(scan(gemini(["run_shell_command"]), GEMINI).accesses[0].capabilities).toEqual(every);
  });

  it("reports commands and tools no rule knows, on their line", () => {
    const text = claude({ allow: ["Bash(./scripts/release.sh:*)", "SlashCommand(/deploy)", "Bash(npm publish)"] });
    const result = scan(text);
    expect(result.unknown.map((u) => [u.kind, u.value, u.line])).toEqual([
      ["command", "Bash(./scripts/release.sh:*)", lineOf(text, "release.sh")],
      ["permission", "SlashCommand(/deploy)", lineOf(text, "SlashCommand")],
      ["command", "Bash(npm publish)", lineOf(text, "npm publish")],
    ]);
  });

  it("lets a deny entry cancel a rule only when it denies every command the rule stands for", () => {
    const capsOf = (allow: string[], deny: string[]) => scan(claude({ allow, deny })).accesses[0].capabilities;
    expect(capsOf(["Bash(git push origin main)"], ["Bash(git push:*)"])).toEqual([]);
    expect(capsOf(["Bash(git push:*)"], ["Bash(git push --force:*)"])).toEqual(["repo:write"]);
    expect(capsOf(["Bash(git:*)"], ["Bash(git push:*)"])).toEqual(["repo:read"]);
    expect(capsOf(["Bash(kubectl delete:*)", "Bash(git push:*)"], ["Bash"])).toEqual([]);
    expect(capsOf(["Bash(git push:*)"], ["Bash(git push)"])).toEqual(["repo:write"]);
  });

  it("reads compound commands, the new ` *` wildcard, env assignments and sudo", () => {
    const capsOf = (entry: string) => scan(claude({ allow: [entry] })).accesses[0].capabilities;
    expect(capsOf("Bash(npm test && git push)")).toEqual(["repo:write"]);
    expect(capsOf("Bash(terraform apply *)")).toEqual(["infra:apply"]);
    expect(capsOf("Bash(TF_IN_AUTOMATION=1 terraform destroy -auto-approve)")).toEqual(["env:delete"]);
    expect(capsOf("Bash(sudo kubectl delete:*)")).toEqual(["env:delete"]);
    expect(capsOf("Bash(kubectl:*)")).toEqual(expect.arrayContaining(["env:delete", "deploy:run", "logs:read", "secrets:read"]));
  });

  it("accepts comments, and reports a file that is not JSON with its line", () => {
    expect(scan('{\n  // team defaults\n  "permissions": { "defaultMode": "plan" }\n}').accesses[0].autonomy).toBe("SUGGEST");
    const broken = scan('{\n  "permissions": {\n    "allow": ["Bash(git push:*)",\n  }\n');
    expect(broken.accesses).toEqual([]);
    expect(broken.errors).toEqual([{ file: CLAUDE, line: 4, message: expect.stringContaining("not valid JSON") }]);
    expect(scan('["Bash"]').errors).toEqual([{ file: CLAUDE, line: 1, message: "not a JSON object" }]);
  });

  it.each(SETTINGS_FILES.map((rule) => [rule.path, rule]))("knows the settings file %s", (glob, rule) => {
    const path = `team/${glob.replace("**/", "")}`;
    expect(settingsRule(path)).toBe(rule);
  });

  it("does not take other JSON files for settings", () => {
    expect(settingsRule(".claude/commands.json")).toBeUndefined();
    expect(settingsRule("package.json")).toBeUndefined();
  });
});
