// Vocabulary of the policy: enumerations (exactly as in the API) and the plain data the rules read.
// Lists marked "ordered" are sorted from least to most; the rank helpers below rely on that order.

export const AUTONOMY_LEVELS = ["OFF", "SUGGEST", "AGENT", "AUTONOMOUS"] as const; // ordered
export type Autonomy = (typeof AUTONOMY_LEVELS)[number];

export const TIERS = ["SANDBOX", "PRE_PRODUCTION", "PRODUCTION", "SHARED_PLATFORM", "CONTROL_PLANE"] as const; // ordered blast radius
export type Tier = (typeof TIERS)[number];

export const DATA_SENSITIVITIES = ["NONE", "INTERNAL", "PII", "FINANCIAL"] as const;
export type DataSensitivity = (typeof DATA_SENSITIVITIES)[number];

export const CAPABILITY_CLASSES = [
  "READ",
  "WRITE",
  "DEPLOY",
  "INFRA",
  "SCHEMA",
  "DESTRUCTIVE",
  "SENSITIVE_DATA",
  "ADMIN",
] as const;
export type CapabilityClass = (typeof CAPABILITY_CLASSES)[number];

export const TOOL_STATUSES = ["PROPOSED", "APPROVED", "RESTRICTED", "SUSPENDED", "RETIRED"] as const;
export type ToolStatus = (typeof TOOL_STATUSES)[number];
/** Tools that may not act anywhere, whatever their grants say. */
export const DORMANT_TOOL_STATUSES: readonly ToolStatus[] = ["SUSPENDED", "RETIRED"];

export const TOOL_KINDS = ["CODING_ASSISTANT", "AGENT", "CHAT", "OPS_BOT", "OTHER"] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

export const GRANT_STATUSES = ["REQUESTED", "APPROVED", "DENIED", "REVOKED", "EXPIRED"] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const; // ordered
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_RULES = [
  "UNGRANTED_REACH",
  "AUTONOMY_EXCEEDS_GRANT",
  "CAPABILITY_EXCEEDS_GRANT",
  "AUTONOMY_EXCEEDS_CEILING",
  "GRANT_EXPIRED",
  "DESTRUCTIVE_WITHOUT_TWO_PERSON",
  "STALE_OBSERVATION",
  "RETIRED_WITH_ACCESS",
  "UNUSED_GRANT",
  "GRANT_NOT_RECERTIFIED",
] as const;
export type FindingRule = (typeof FINDING_RULES)[number];

export const INCIDENT_SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

export const INCIDENT_TOOL_ROLES = ["TRIGGERED", "CONTRIBUTED", "INVOLVED"] as const;
export type IncidentToolRole = (typeof INCIDENT_TOOL_ROLES)[number];

export const OBSERVATION_SOURCES = ["DECLARED", "SYNC", "DISCOVERED"] as const;
export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];

export const CHANGE_TYPES = ["CODE", "CONFIG", "INFRA", "SCHEMA"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const AI_ORIGINS = ["AI_GENERATED", "AI_ASSISTED", "HUMAN"] as const;
export type AiOrigin = (typeof AI_ORIGINS)[number];

export const DECISIONS = ["APPROVE", "DENY"] as const;
export type DecisionValue = (typeof DECISIONS)[number];

/** DESIGN: "High-impact capability" means one of class DESTRUCTIVE, SCHEMA, INFRA or ADMIN. */
export const HIGH_IMPACT_CLASSES: readonly CapabilityClass[] = ["DESTRUCTIVE", "SCHEMA", "INFRA", "ADMIN"];

export const autonomyRank = (a: Autonomy): number => AUTONOMY_LEVELS.indexOf(a);
export const tierRank = (t: Tier): number => TIERS.indexOf(t);
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Negative when a allows less than b, 0 when equal, positive when a allows more. */
export const compareAutonomy = (a: Autonomy, b: Autonomy): number => autonomyRank(a) - autonomyRank(b);
export const minAutonomy = (a: Autonomy, b: Autonomy): Autonomy => (compareAutonomy(a, b) <= 0 ? a : b);
export const isTierAtLeast = (tier: Tier, floor: Tier): boolean => tierRank(tier) >= tierRank(floor);

export interface PolicyEnvironment {
  name: string;
  tier: Tier;
  dataSensitivity: DataSensitivity;
  criticalPath: boolean;
}

export interface PolicyCapability {
  key: string;
  class: CapabilityClass;
}

export interface PolicyTool {
  slug: string;
  name: string;
  status: ToolStatus;
}

export interface PolicyGrant {
  id: string;
  toolSlug: string;
  environment: string;
  maxAutonomy: Autonomy;
  capabilities: string[];
  status: GrantStatus;
  expiresAt: Date | null;
  /** When it became APPROVED or DENIED. */
  decidedAt: Date | null;
  createdAt: Date;
  /** Users who APPROVED. */
  approverIds: string[];
  /** The latest access review that certified it; absent or null when never certified. */
  lastCertifiedAt?: Date | null;
}

export interface PolicyObservation {
  toolSlug: string;
  environment: string;
  autonomy: Autonomy;
  capabilities: string[];
  observedAt: Date;
  source: ObservationSource;
  /** Of a pair seen by several sources, the oldest when it is older than `observedAt`: each source goes stale on its own. */
  oldest?: { observedAt: Date; source: ObservationSource };
}

export interface PolicyIncidentLink {
  toolSlug: string;
  incidentKey: string;
  severity: IncidentSeverity;
  startedAt: Date;
  role: IncidentToolRole;
}

export interface RegisterSnapshot {
  tools: PolicyTool[];
  environments: PolicyEnvironment[];
  capabilities: PolicyCapability[];
  grants: PolicyGrant[];
  observations: PolicyObservation[];
  incidentLinks: PolicyIncidentLink[];
}

export interface Finding {
  rule: FindingRule;
  severity: Severity;
  /** Tool slug. */
  tool: string;
  /** Environment name. */
  environment: string;
  explanation: string;
  since: Date;
}
