// "May this tool act now, here, at this autonomy, with these capabilities?" — asked by an agent
// runtime before it acts. The same facts the findings judge after the fact (the grant in force, the
// incident ceiling, the tool's status), judged before: every reason it may not is named.
import { grantStanding } from "./approvals";
import { autonomyCeiling, effectiveAllowedAutonomy } from "./ceiling";
import { DEFAULT_POLICY, type Policy } from "./policy";
import { formatDay } from "./time";
import { compareAutonomy, type Autonomy, type PolicyEnvironment, type PolicyGrant, type PolicyIncidentLink, type PolicyTool, DORMANT_TOOL_STATUSES } from "./types";

export const AUTHORIZE_REASONS = [
  "TOOL_NOT_ACTIVE",
  "NO_VALID_GRANT",
  "GRANT_EXPIRED",
  "GRANT_REVOKED",
  "CAPABILITY_NOT_GRANTED",
  "MODE_ABOVE_GRANT",
  "MODE_ABOVE_CEILING",
] as const;
export type AuthorizeReasonCode = (typeof AUTHORIZE_REASONS)[number];

export interface AuthorizeFacts {
  tool: PolicyTool;
  environment: PolicyEnvironment;
  /** The tool's grants in this environment. */
  grants: readonly PolicyGrant[];
  /** The tool's incident links. */
  links: PolicyIncidentLink[];
  now: Date;
  policy?: Policy;
}

export interface AuthorizeRequest {
  mode: Autonomy;
  capabilities: readonly string[];
}

export interface AuthorizeDecision {
  allowed: boolean;
  /** The highest autonomy allowed here now: the valid grant's, capped by incident history; OFF without one or for a stopped tool. */
  effectiveAutonomy: Autonomy;
  grant: { id: string; maxAutonomy: Autonomy; expiresAt: Date | null } | null;
  ceiling: { autonomy: Autonomy; until: Date; incident: string } | null;
  reasons: { code: AuthorizeReasonCode; message: string }[];
}

export function decideAction({ tool, environment, grants, links, now, policy = DEFAULT_POLICY }: AuthorizeFacts, request: AuthorizeRequest): AuthorizeDecision {
  const standing = grantStanding(grants, now);
  const ceiling = autonomyCeiling(tool.slug, environment.tier, links, now, policy);
  const valid = standing.state === "VALID" ? standing.grant : null;
  const stopped = DORMANT_TOOL_STATUSES.includes(tool.status);
  const effectiveAutonomy = stopped ? "OFF" : effectiveAllowedAutonomy(valid?.maxAutonomy ?? null, ceiling);
  const asked = `${tool.slug} asks to act as ${request.mode} in ${environment.name}`;
  const reasons: AuthorizeDecision["reasons"] = [];

  if (stopped) reasons.push({ code: "TOOL_NOT_ACTIVE", message: `${tool.slug} is ${tool.status}: it may not act anywhere` });
  if (standing.state === "NONE") reasons.push({ code: "NO_VALID_GRANT", message: `${asked} but it has no approved grant there` });
  if (standing.state === "REVOKED") reasons.push({ code: "GRANT_REVOKED", message: `${asked} but its grant there was revoked` });
  if (standing.state === "EXPIRED") {
    const expiry = standing.grant.expiresAt;
    reasons.push({ code: "GRANT_EXPIRED", message: `${asked} but its grant there expired${expiry ? ` on ${formatDay(expiry)}` : ""}` });
  }
  if (valid) {
    const missing = [...new Set(request.capabilities)].filter((key) => !valid.capabilities.includes(key));
    if (missing.length) reasons.push({ code: "CAPABILITY_NOT_GRANTED", message: `${tool.slug} asks for ${missing.join(", ")} in ${environment.name}, which its grant does not allow` });
    if (compareAutonomy(request.mode, valid.maxAutonomy) > 0) reasons.push({ code: "MODE_ABOVE_GRANT", message: `${asked} but its grant allows ${valid.maxAutonomy}` });
    if (ceiling && compareAutonomy(request.mode, ceiling.level) > 0) reasons.push({ code: "MODE_ABOVE_CEILING", message: `${asked} but is ${ceiling.reason}` });
  }
  return {
    allowed: reasons.length === 0,
    effectiveAutonomy,
    grant: valid ? { id: valid.id, maxAutonomy: valid.maxAutonomy, expiresAt: valid.expiresAt } : null,
    ceiling: ceiling ? { autonomy: ceiling.level, until: ceiling.until, incident: ceiling.incidentKey } : null,
    reasons,
  };
}
