// The editable policy: every threshold the rules use, as plain JSON-serialisable data, so security
// reviewers can change it without touching code. DEFAULT_POLICY is DESIGN.md's "Rules" section.

import {
  HIGH_IMPACT_CLASSES,
  type Autonomy,
  type CapabilityClass,
  type ChangeType,
  type DataSensitivity,
  type IncidentSeverity,
  type IncidentToolRole,
  type Tier,
} from "./types";

/** One "when" of the approval matrix; all conditions present must hold (AND). */
export interface ApprovalTrigger {
  tierAtLeast?: Tier;
  dataSensitivityIn?: DataSensitivity[];
  criticalPath?: true;
  autonomyAtLeast?: Autonomy;
  capabilityClassIn?: CapabilityClass[];
}

export interface ApprovalRequirement {
  count: 1 | 2;
  seniorRequired: boolean;
}

/** A matrix row applies when any of its triggers matches (OR). */
export interface ApprovalRow extends ApprovalRequirement {
  when: ApprovalTrigger[];
}

export interface Policy {
  /** Capability classes DESIGN calls "high-impact". */
  highImpactClasses: CapabilityClass[];
  approvals: {
    /** "any grant" row. */
    base: ApprovalRequirement;
    rows: ApprovalRow[];
  };
  ceiling: {
    windowDays: number;
    /** The ceiling applies in environments of this tier and above. */
    fromTier: Tier;
    /** Incident roles that count against a tool. */
    roles: IncidentToolRole[];
    /** Cap per incident severity; severities absent here set no cap. */
    caps: Partial<Record<IncidentSeverity, Autonomy>>;
  };
  findings: {
    staleObservationDays: number;
    unusedGrantDays: number;
    /** High-impact capability from this tier needs a grant approved by two people. */
    twoPersonFromTier: Tier;
  };
  exceptions: {
    /** The longest a finding may be accepted for, from the day it is accepted. */
    maxDays: number;
  };
  reviews: {
    /** How long an approved grant holds before it is due for recertification, per environment tier. */
    periodDays: Record<Tier, number>;
    /** How long a due grant may wait for its review before GRANT_NOT_RECERTIFIED is raised. */
    graceDays: number;
  };
  changes: {
    aiChangeSeniorApproverFromTier: Tier;
    twoApproverChangeTypes: ChangeType[];
    twoApproversFromTier: Tier;
    rollbackPlanFromTier: Tier;
  };
}

export const DEFAULT_POLICY: Policy = {
  highImpactClasses: [...HIGH_IMPACT_CLASSES],
  approvals: {
    base: { count: 1, seniorRequired: false },
    rows: [
      {
        count: 1,
        seniorRequired: true,
        when: [
          { tierAtLeast: "PRODUCTION" },
          { dataSensitivityIn: ["PII", "FINANCIAL"] },
          { criticalPath: true },
          { autonomyAtLeast: "AUTONOMOUS" },
          { capabilityClassIn: [...HIGH_IMPACT_CLASSES] },
        ],
      },
      {
        count: 2,
        seniorRequired: true,
        when: [
          { tierAtLeast: "SHARED_PLATFORM" },
          { autonomyAtLeast: "AUTONOMOUS", tierAtLeast: "PRODUCTION" },
          { capabilityClassIn: [...HIGH_IMPACT_CLASSES], tierAtLeast: "PRODUCTION" },
        ],
      },
    ],
  },
  ceiling: {
    windowDays: 90,
    fromTier: "PRODUCTION",
    roles: ["TRIGGERED", "CONTRIBUTED"],
    caps: { SEV1: "SUGGEST", SEV2: "AGENT" },
  },
  findings: {
    staleObservationDays: 30,
    unusedGrantDays: 30,
    twoPersonFromTier: "PRODUCTION",
  },
  exceptions: {
    maxDays: 90,
  },
  reviews: {
    periodDays: { SANDBOX: 180, PRE_PRODUCTION: 180, PRODUCTION: 90, SHARED_PLATFORM: 90, CONTROL_PLANE: 90 },
    graceDays: 14,
  },
  changes: {
    aiChangeSeniorApproverFromTier: "PRODUCTION",
    twoApproverChangeTypes: ["SCHEMA", "INFRA"],
    twoApproversFromTier: "PRODUCTION",
    rollbackPlanFromTier: "SHARED_PLATFORM",
  },
};
