import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, USERS, SAME_ORIGIN, unfoldForm } from "./helpers";

// Each person in their own browser context, as on their own machine.
async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const required = (page: Page) => page.getByRole("region", { name: "Approvals this request will need" });

test("two-person rule: a production grant with env:delete needs two reviewers; the audit log shows it all", async ({ browser }) => {
  const justification = `Rebuild test environments from production snapshots (e2e ${Date.now()}).`;

  // A platform lead requests production access with env:delete from the tool page.
  const lead = await as(browser, USERS.lead);
  await lead.goto("/tools/testsmith");
  const form = await unfoldForm(lead, "Request a grant");
  await expect(required(lead)).toContainText("1 reviewer");
  await form.getByLabel("Environment").selectOption("prod-us-east");
  await form.getByLabel("Maximum autonomy").selectOption("AGENT");
  await expect(required(lead)).toContainText("1 senior reviewer");
  await form.getByRole("checkbox", { name: "repo:read" }).check();
  await form.getByRole("checkbox", { name: "env:delete" }).check();
  // Shown before submitting: how many, how senior, and why.
  await expect(required(lead)).toContainText("2 distinct reviewers, at least one senior (two-person rule)");
  await expect(required(lead)).toContainText("capability class DESTRUCTIVE at tier ≥ PRODUCTION");
  await form.getByLabel("Justification").fill(justification);
  await form.getByRole("button", { name: "Request grant" }).click();

  await expect(lead).toHaveURL(/\/grants\/c[a-z0-9]+\?requested=1$/);
  const grantId = new URL(lead.url()).pathname.split("/").pop()!;
  await expect(lead.getByRole("status").filter({ hasText: "Requested." })).toContainText("2 distinct reviewers");
  await expect(lead.getByRole("heading", { name: /Testsmith → prod-us-east/ })).toContainText("Requested");

  // The requester sees no approve button on their own request.
  await lead.goto("/grants");
  const leadRow = lead.getByRole("row").filter({ hasText: justification });
  await expect(leadRow).toBeVisible();
  await expect(leadRow.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // A first senior reviewer approves: still pending.
  const reviewer = await as(browser, USERS.reviewer);
  await reviewer.goto("/grants");
  let row = reviewer.getByRole("row").filter({ hasText: justification });
  await expect(row.getByTestId("required-approvals")).toContainText("2 distinct reviewers");
  await row.getByLabel("Comment").fill("Snapshots only; second reviewer please.");
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer.getByTestId("decision-outcome")).toHaveText("Approval recorded (1 of 2); still needs 1 more approval.");
  await expect(row.getByTestId("approval-progress")).toContainText("1 of 2 approvals");
  await expect(row).toContainText("You approved it");
  await expect(row.getByRole("button", { name: "Approve" })).toHaveCount(0);

  // A second reviewer approves: approved.
  const reviewer2 = await as(browser, USERS.reviewer2);
  await reviewer2.goto("/grants");
  row = reviewer2.getByRole("row").filter({ hasText: justification });
  await row.getByRole("button", { name: "Approve" }).click();
  await expect(reviewer2.getByTestId("decision-outcome")).toHaveText("Approved: testsmith in prod-us-east is granted.");
  await expect(row).toHaveCount(0); // it left the pending queue
  await reviewer2.goto(`/grants/${grantId}`);
  await expect(reviewer2.getByRole("heading", { name: /Testsmith → prod-us-east/ })).toContainText("Approved");
  await expect(reviewer2.getByTestId("decisions")).toContainText("Dana Okafor");
  await expect(reviewer2.getByTestId("decisions")).toContainText("Sam Whitaker");

  // The audit page shows the three events and a valid chain.
  await lead.goto(`/audit?entity=Grant&entityId=${grantId}`);
  await expect(lead.getByTestId("chain-status")).toHaveAttribute("data-valid", "true");
  await expect(lead.getByTestId("chain-status")).toContainText("Chain valid.");
  const events = lead.locator("tbody tr");
  await expect(events).toHaveCount(3);
  await expect(events.nth(0)).toContainText("grant.decision.approve");
  await expect(events.nth(0)).toContainText("reviewer2@example.com");
  await expect(events.nth(1)).toContainText("grant.decision.approve");
  await expect(events.nth(1)).toContainText("reviewer@example.com");
  await expect(events.nth(2)).toContainText("grant.requested");
  await expect(events.nth(2)).toContainText("lead@example.com");

  // And the tool page shows it in the tool's history, above the seeded past of the tool's other grants.
  await lead.goto("/tools/testsmith");
  const history = lead.getByTestId("audit-history");
  const ofThisGrant = (action: string) => history.locator(`[data-action="${action}"]`).filter({ has: lead.locator(`a[href="/grants/${grantId}"]`) });
  await expect(ofThisGrant("grant.requested")).toHaveCount(1);
  await expect(ofThisGrant("grant.decision.approve")).toHaveCount(2);
});

test("an admin, who may also decide, sees no approve button on their own request but does on others'", async ({ browser }) => {
  const justification = `Docs pull requests on staging (e2e ${Date.now()}).`;
  const admin = await as(browser, USERS.admin);
  await admin.goto("/tools/docwriter");
  const form = await unfoldForm(admin, "Request a grant");
  await form.getByLabel("Environment").selectOption("staging");
  await form.getByRole("checkbox", { name: "pr:create" }).check();
  await form.getByLabel("Justification").fill(justification);
  await form.getByRole("button", { name: "Request grant" }).click();
  await expect(admin).toHaveURL(/\/grants\/c[a-z0-9]+\?requested=1$/);
  await expect(admin.getByTestId("cannot-decide")).toHaveText("You requested this grant: another reviewer decides.");
  await expect(admin.getByRole("button", { name: "Approve" })).toHaveCount(0);

  await admin.goto("/grants");
  const own = admin.getByRole("row").filter({ hasText: justification });
  await expect(own).toContainText("Your request: someone else decides");
  await expect(own.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const others = admin.getByRole("row").filter({ hasText: "Evaluate autonomous build fixing" });
  await expect(others.getByRole("button", { name: "Approve" })).toBeVisible();
});

test("a denial needs a reason; a single denial denies; a reviewer revokes an approved grant", async ({ browser }) => {
  const stamp = Date.now();
  const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const lead = await as(browser, USERS.lead);
  const reviewer = await as(browser, USERS.reviewer);
  // Set up through the API with the browser session (same data functions as the UI).
  const request = async (justification: string) => {
    const res = await lead.request.post("/api/v1/grants", {
      headers: SAME_ORIGIN,
      data: { tool: "askbase", environment: "staging", maxAutonomy: "SUGGEST", capabilities: ["repo:read"], justification, expiresAt },
    });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string };
  };
  const toDeny = `Wiki answers on staging (e2e deny ${stamp}).`;
  await request(toDeny);
  const toRevoke = await request(`Wiki answers on staging (e2e revoke ${stamp}).`);
  expect((await reviewer.request.post(`/api/v1/grants/${toRevoke.id}/decisions`, { headers: SAME_ORIGIN, data: { decision: "APPROVE" } })).status()).toBe(201);

  await reviewer.goto("/grants");
  const row = reviewer.getByRole("row").filter({ hasText: toDeny });
  await row.getByRole("button", { name: "Deny" }).click();
  await expect(row.getByText("comment: say why the grant is denied")).toBeVisible();
  await row.getByLabel("Comment").fill("Staging wiki is being retired.");
  await row.getByRole("button", { name: "Deny" }).click();
  await expect(reviewer.getByTestId("decision-outcome")).toHaveText("Denied: askbase in staging.");
  await expect(row).toHaveCount(0);

  await reviewer.goto(`/grants/${toRevoke.id}`);
  await expect(reviewer.getByRole("heading", { name: /AskBase → staging/ })).toContainText("Approved");
  await reviewer.getByLabel("Reason").fill("Reviews move to the new bot.");
  await reviewer.getByRole("button", { name: "Revoke grant" }).click();
  await expect(reviewer.getByRole("heading", { name: /AskBase → staging/ })).toContainText("Revoked");
  await expect(reviewer.getByTestId("audit-history").locator('[data-action="grant.revoked"]')).toBeVisible();
});

test("viewers read the queue and the audit log but cannot decide or request", async ({ browser }) => {
  const viewer = await as(browser, USERS.viewer);
  await viewer.goto("/grants");
  await expect(viewer.getByRole("heading", { name: "Grants" })).toBeVisible();
  await expect(viewer.locator("tbody tr").first()).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await viewer.goto("/tools/kiro-agent");
  await expect(viewer.getByText("Request a grant", { exact: true })).toHaveCount(0);
  await viewer.goto("/audit");
  await expect(viewer.getByTestId("chain-status")).toHaveAttribute("data-valid", "true");
  await viewer.getByRole("combobox", { name: "Entity" }).selectOption("Register");
  await expect(viewer).toHaveURL(/entity=Register/);
  await expect(viewer.locator("tbody tr").filter({ hasText: "register.seeded" })).toHaveCount(1);
});
