import { describe, expect, it } from "vitest";
import type { EventPayload } from "./events";
import { slackMessage } from "./slack";

const payload = (data: Partial<EventPayload["data"]> = {}): EventPayload => ({
  type: "finding.opened",
  timestamp: "2026-03-01T12:34:56.789Z",
  data: { summary: "A finding opened", links: {}, ...data },
});

const blockOf = (blocks: unknown[], type: string) => (blocks as any[]).filter((block) => block.type === type);

describe("slackMessage", () => {
  it("prefixes the text with the severity when there is one", () => {
    expect(slackMessage(payload({ severity: "HIGH" })).text).toBe("[HIGH] A finding opened");
    expect(slackMessage(payload()).text).toBe("A finding opened");
  });

  it("escapes &, < and > in the blocks but not in the plain text", () => {
    const summary = "Tom & Jerry <b>bold</b> -> x";
    const message = slackMessage(payload({ summary, tool: "<tool&co>" }));
    expect(message.text).toBe(summary);
    const [head, fieldsBlock] = blockOf(message.blocks, "section");
    expect(head.text).toEqual({ type: "mrkdwn", text: "Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt; -&gt; x" });
    expect(fieldsBlock.fields).toContainEqual({ type: "mrkdwn", text: "*Tool*\n&lt;tool&amp;co&gt;" });
  });

  it("marks the headline with the severity", () => {
    expect(blockOf(slackMessage(payload({ severity: "HIGH" })).blocks, "section")[0].text.text).toBe(":large_orange_circle: A finding opened");
    expect(blockOf(slackMessage(payload()).blocks, "section")[0].text.text).toBe("A finding opened");
  });

  it.each([
    ["only the event when nothing else is known", {}, ["Event"]],
    ["every present value", { tool: "copilot", environment: "prod", severity: "CRITICAL" as const }, ["Event", "Tool", "Environment", "Severity"]],
    ["no field for an absent value", { environment: "prod" }, ["Event", "Environment"]],
  ])("has fields for %s", (_, data, labels) => {
    const fields = blockOf(slackMessage(payload(data)).blocks, "section")[1].fields as { text: string }[];
    expect(fields.map((field) => field.text.split("\n")[0])).toEqual(labels.map((label) => `*${label}*`));
    expect(fields[0].text).toBe("*Event*\nfinding.opened");
  });

  it("links the first link as a button", () => {
    const message = slackMessage(payload({ links: { finding: "https://register.example.com/findings/f1", tool: "https://register.example.com/tools/t1" } }));
    expect(blockOf(message.blocks, "actions")).toEqual([
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in the register" }, url: "https://register.example.com/findings/f1" }] },
    ]);
  });

  it("has no actions block without links, and always ends with the context", () => {
    const message = slackMessage(payload());
    expect(blockOf(message.blocks, "actions")).toEqual([]);
    expect(message.blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "GenAI Risk Register · 2026-03-01T12:34:56.789Z" }] });
  });
});
