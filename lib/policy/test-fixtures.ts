// Builders for policy tests: a small, realistic register around one tool in one production
// environment, each piece overridable.

import { addDays } from "./time";
import type {
  PolicyCapability,
  PolicyEnvironment,
  PolicyGrant,
  PolicyIncidentLink,
  PolicyObservation,
  PolicyTool,
  RegisterSnapshot,
} from "./types";

export const NOW = new Date("2025-06-01T12:00:00.000Z");
export const daysAgo = (days: number): Date => addDays(NOW, -days);

export const CATALOG: PolicyCapability[] = [
  { key: "repo:read", class: "READ" },
  { key: "repo:write", class: "WRITE" },
  { key: "deploy:run", class: "DEPLOY" },
  { key: "pii:read", class: "SENSITIVE_DATA" },
  { key: "infra:apply", class: "INFRA" },
  { key: "db:migrate", class: "SCHEMA" },
  { key: "env:delete", class: "DESTRUCTIVE" },
  { key: "iam:admin", class: "ADMIN" },
];

export const tool = (overrides: Partial<PolicyTool> = {}): PolicyTool => ({
  slug: "kiro-agent",
  name: "Kiro agent",
  status: "APPROVED",
  ...overrides,
});

export const environment = (overrides: Partial<PolicyEnvironment> = {}): PolicyEnvironment => ({
  name: "prod-us-east",
  tier: "PRODUCTION",
  dataSensitivity: "NONE",
  criticalPath: false,
  ...overrides,
});

export const grant = (overrides: Partial<PolicyGrant> = {}): PolicyGrant => ({
  id: "g1",
  toolSlug: "kiro-agent",
  environment: "prod-us-east",
  maxAutonomy: "AGENT",
  capabilities: ["repo:read", "repo:write"],
  status: "APPROVED",
  expiresAt: null,
  decidedAt: daysAgo(10),
  createdAt: daysAgo(11),
  approverIds: ["u1", "u2"],
  ...overrides,
});

export const observation = (overrides: Partial<PolicyObservation> = {}): PolicyObservation => ({
  toolSlug: "kiro-agent",
  environment: "prod-us-east",
  autonomy: "AGENT",
  capabilities: ["repo:read"],
  observedAt: daysAgo(1),
  source: "SYNC",
  ...overrides,
});

export const incidentLink = (overrides: Partial<PolicyIncidentLink> = {}): PolicyIncidentLink => ({
  toolSlug: "kiro-agent",
  incidentKey: "INC-1",
  severity: "SEV1",
  startedAt: daysAgo(10),
  role: "TRIGGERED",
  ...overrides,
});

export const snapshot = (parts: Partial<RegisterSnapshot> = {}): RegisterSnapshot => ({
  tools: [tool()],
  environments: [environment()],
  capabilities: CATALOG,
  grants: [],
  observations: [],
  incidentLinks: [],
  ...parts,
});
