// Which pages show what each kind of change writes, read off what app/(app)/** and the server
// components it renders load. An action declares its kind; the action client revalidates these
// pages after it succeeds. Every change is audited, so /audit is in every row that writes.

/** A literal path, or a route pattern (route group included, as Next.js matches it) with its type. */
export type Page = string | readonly [pattern: string, type: "page" | "layout"];

// The policy governs findings, the matrix, grant requirements and every tool page; an import adds
// and renames tools, which nearly every page names (filters, selects, the matrix).
const EVERY_PAGE: Page = ["/", "layout"];
// Each tool page offers the recent incidents to link, and shows its incidents' details.
const TOOL_PAGES: Page = ["/(app)/tools/[slug]", "page"];
// Each incident page shows its tools' grants, findings and allowed autonomy; its mitigation form
// offers the active people as owners and its tools' grants.
const INCIDENT_PAGES: Page = ["/(app)/incidents/[key]", "page"];
// Each risk page has the same mitigation form, and its mitigations show the grant they change.
const RISK_PAGES: Page = ["/(app)/risks/[id]", "page"];

// Whatever the policy evaluates (tools, grants, observations, incident links) shows as findings and
// in the matrix: the overview, the findings table and the incident pages.
const FINDINGS: Page[] = ["/", "/findings", INCIDENT_PAGES];

export const affected = {
  // The review queue lists approved grants, so a decision, a revocation or a certification changes it.
  grant: (grant: { id: string; tool: string }): Page[] => ["/audit", "/grants", "/reviews", `/grants/${grant.id}`, `/tools/${grant.tool}`, ...FINDINGS, RISK_PAGES],
  // The tool list shows where each tool was observed.
  observation: (tool: string): Page[] => ["/audit", "/tools", `/tools/${tool}`, ...FINDINGS],
  // The list, the page and its edit form, the metrics, the next suggested key; an incident's severity
  // and start feed the ceilings of its tools; the overview charts severe incidents.
  incident: (key: string): Page[] => ["/audit", "/incidents", "/incidents/new", "/incidents/metrics", `/incidents/${key}/edit`, ...FINDINGS, TOOL_PAGES],
  // The list and the metrics show each incident's tools; the tool page its incidents.
  incidentTool: (tool: string): Page[] => ["/audit", "/incidents", "/incidents/metrics", `/tools/${tool}`, ...FINDINGS],
  incidentChange: (key: string): Page[] => ["/audit", "/incidents", `/incidents/${key}`],
  // The overview lists overdue ones; each shows on its incident's or risk's page and on the pages of
  // the tools concerned (an incident's tools are not at hand: all tool pages); the risk list counts them.
  mitigation: (m: { incident: { key: string } | null; risk: { id: string; tool: string } | null; grant: { tool: string } | null }): Page[] => [
    "/audit",
    "/",
    ...(m.incident ? [`/incidents/${m.incident.key}`, TOOL_PAGES] : []),
    ...(m.risk ? ["/risks", `/risks/${m.risk.id}`, `/tools/${m.risk.tool}`] : []),
    ...(m.grant ? [`/tools/${m.grant.tool}`] : []),
  ],
  // An accepted finding leaves the counts and the matrix colouring, and is labelled wherever it is listed.
  exception: (exception: { finding: { id: string; tool: string } }): Page[] => ["/audit", "/exceptions", `/findings/${exception.finding.id}`, `/tools/${exception.finding.tool}`, ...FINDINGS],
  risk: (risk: { id: string; tool: string }): Page[] => ["/audit", "/risks", `/risks/${risk.id}`, `/risks/${risk.id}/edit`, `/tools/${risk.tool}`],
  // Active people are offered as owners on the risk and mitigation forms.
  user: (): Page[] => ["/audit", "/people", "/risks", "/risks/new", ["/(app)/risks/[id]/edit", "page"], RISK_PAGES, INCIDENT_PAGES],
  credentials: (): Page[] => ["/audit", "/people"],
  webhook: (id: string): Page[] => ["/audit", "/webhooks", `/webhooks/${id}`],
  policyInForce: (): Page[] => [EVERY_PAGE],
  policyProposal: (): Page[] => ["/audit", "/policy"],
  tools: (): Page[] => [EVERY_PAGE],
  // Teams, environments and capabilities are named on nearly every page (filters, forms, the matrix,
  // each grant's risk and required approvals), and an environment's tier moves its findings.
  catalog: (): Page[] => [EVERY_PAGE],
};
