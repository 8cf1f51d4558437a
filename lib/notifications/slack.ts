// The same events as Slack incoming-webhook messages: a text fallback (notifications, screen
// readers) and Block Kit blocks with the tool, environment, severity and a link to the register.
import type { EventPayload } from "./events";

const SEVERITY_MARK: Record<string, string> = { CRITICAL: ":red_circle:", HIGH: ":large_orange_circle:", MEDIUM: ":large_yellow_circle:", LOW: ":white_circle:" };

// Slack's mrkdwn treats these three as markup; everything else passes as typed.
const escapeMrkdwn = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

export function slackMessage(payload: EventPayload): SlackMessage {
  const { summary, tool, environment, severity, links } = payload.data;
  const mark = severity ? `${SEVERITY_MARK[severity] ?? ""} ` : "";
  const fields = [
    ["Event", payload.type],
    ["Tool", tool],
    ["Environment", environment],
    ["Severity", severity],
  ].flatMap(([label, value]) => (value ? [{ type: "mrkdwn", text: `*${label}*\n${escapeMrkdwn(String(value))}` }] : []));
  const link = Object.values(links)[0];
  const blocks: unknown[] = [
    { type: "section", text: { type: "mrkdwn", text: `${mark}${escapeMrkdwn(summary)}` } },
    { type: "section", fields },
  ];
  if (link) blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: "Open in the register" }, url: link }] });
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `GenAI Risk Register · ${payload.timestamp}` }] });
  return { text: `${severity ? `[${severity}] ` : ""}${summary}`, blocks };
}
