import { Badge, type Tone } from "@/components/ui/badge";
import { humanize } from "@/components/domain-badges";

const STATUS_TONES: Record<string, Tone> = { OPEN: "red", MITIGATED: "yellow", RESOLVED: "green", CLOSED: "neutral" };
const GENAI_TONES: Record<string, Tone> = { YES: "red", NO: "green", UNKNOWN: "yellow" };
const ROLE_TONES: Record<string, Tone> = { TRIGGERED: "red", CONTRIBUTED: "orange", INVOLVED: "neutral" };
const MITIGATION_TONES: Record<string, Tone> = { OPEN: "blue", IN_PROGRESS: "yellow", DONE: "green", CANCELLED: "neutral" };

export function IncidentStatusBadge({ value }: { value: string }) {
  return <Badge tone={STATUS_TONES[value] ?? "neutral"}>{humanize(value)}</Badge>;
}

// The standing question's answer; "AI-linked" is shown beside it where the links say so.
export function GenAiBadge({ value }: { value: string }) {
  return (
    <Badge tone={GENAI_TONES[value] ?? "neutral"}>
      <span className="sr-only">GenAI contributed: </span>
      {humanize(value)}
    </Badge>
  );
}

export function ToolRoleBadge({ value }: { value: string }) {
  return <Badge tone={ROLE_TONES[value] ?? "neutral"}>{humanize(value)}</Badge>;
}

export function MitigationStatusBadge({ value }: { value: string }) {
  return <Badge tone={MITIGATION_TONES[value] ?? "neutral"}>{humanize(value)}</Badge>;
}

export function AiLinkedBadge() {
  return (
    <Badge tone="purple" className="gap-1">
      AI-linked
    </Badge>
  );
}
