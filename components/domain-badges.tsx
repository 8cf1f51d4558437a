import { Badge, type Tone } from "@/components/ui/badge";

const AUTONOMY_TONES: Record<string, Tone> = { OFF: "neutral", SUGGEST: "blue", AGENT: "yellow", AUTONOMOUS: "red" };
const SEVERITY_TONES: Record<string, Tone> = { LOW: "neutral", MEDIUM: "yellow", HIGH: "orange", CRITICAL: "red" };
const TOOL_STATUS_TONES: Record<string, Tone> = { PROPOSED: "blue", APPROVED: "green", RESTRICTED: "yellow", SUSPENDED: "red", RETIRED: "neutral" };
const GRANT_STATUS_TONES: Record<string, Tone> = { REQUESTED: "blue", APPROVED: "green", DENIED: "red", REVOKED: "orange", EXPIRED: "neutral" };
const TIER_TONES: Record<string, Tone> = { SANDBOX: "neutral", PRE_PRODUCTION: "blue", PRODUCTION: "orange", SHARED_PLATFORM: "purple", CONTROL_PLANE: "red" };
const DATA_SENSITIVITY_TONES: Record<string, Tone> = { NONE: "neutral", INTERNAL: "blue", PII: "orange", FINANCIAL: "red" };
// The high-impact classes (DESIGN.md) stand out; the policy may name others, which the pages say in words.
const CAPABILITY_CLASS_TONES: Record<string, Tone> = { READ: "neutral", WRITE: "blue", DEPLOY: "yellow", SENSITIVE_DATA: "purple", INFRA: "orange", SCHEMA: "orange", ADMIN: "red", DESTRUCTIVE: "red" };
const INCIDENT_SEVERITY_TONES: Record<string, Tone> = { SEV1: "red", SEV2: "orange", SEV3: "yellow", SEV4: "neutral" };

export function humanize(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase().replaceAll("_", " ");
}

function make(tones: Record<string, Tone>) {
  return function EnumBadge({ value }: { value: string }) {
    return <Badge tone={tones[value] ?? "neutral"}>{humanize(value)}</Badge>;
  };
}

export const AutonomyBadge = make(AUTONOMY_TONES);
export const SeverityBadge = make(SEVERITY_TONES);
export const ToolStatusBadge = make(TOOL_STATUS_TONES);
export const GrantStatusBadge = make(GRANT_STATUS_TONES);
export const TierBadge = make(TIER_TONES);
// PII is an initialism, not a word to humanize.
export const DataSensitivityBadge = function DataSensitivityBadge({ value }: { value: string }) {
  return <Badge tone={DATA_SENSITIVITY_TONES[value] ?? "neutral"}>{value === "PII" ? "PII" : humanize(value)}</Badge>;
};
export const CapabilityClassBadge = make(CAPABILITY_CLASS_TONES);
export const IncidentSeverityBadge = function IncidentSeverityBadge({ value }: { value: string }) {
  return <Badge tone={INCIDENT_SEVERITY_TONES[value] ?? "neutral"}>{value}</Badge>;
};
