import { expect, test } from "@playwright/test";
import { signIn, USERS } from "./helpers";

test("a viewer reads the policy but cannot change it", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/policy");
  await expect(page.getByRole("heading", { name: "Policy" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "any grant" })).toBeVisible();
  await expect(page.getByLabel("Window (days)")).toHaveValue("90");
  await expect(page.getByLabel("Window (days)")).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save as a new version" })).toHaveCount(0);
});

test("a security reviewer's invalid threshold is refused on its field; a valid save becomes the version in force", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.goto("/policy");
  await page.getByLabel("Window (days)").fill("0");
  await page.getByLabel("Why this change").fill("Trying a zero-day window");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  await expect(page.getByText("Ceiling window: at least 1 day.")).toBeVisible();
  await expect(page.getByLabel("Window (days)")).toHaveValue("0");

  // The same values as the defaults, so the other tests' findings stay as they are.
  await page.getByLabel("Window (days)").fill("90");
  await page.getByLabel("Why this change").fill("Confirmed the defaults at the quarterly review");
  await page.getByRole("button", { name: "Save as a new version" }).click();
  // Other specs may have saved versions before this one.
  await expect(page.getByRole("status")).toContainText(/Saved as version \d+/);
  await page.reload();
  await expect(page.getByText("Confirmed the defaults at the quarterly review")).toBeVisible();
  await expect(page.getByText("in force")).toBeVisible();
});

test("a change that loosens a rule is a proposal until a second, senior reviewer approves it", async ({ browser }) => {
  const proposer = await (await browser.newContext()).newPage();
  await signIn(proposer, USERS.juniorReviewer);
  await proposer.goto("/policy");
  const form = proposer.getByRole("form", { name: "Policy thresholds" });
  await proposer.getByLabel("Window (days)").fill("80");
  await expect(form.getByText("This change loosens the policy, so it will be a proposal")).toBeVisible();
  await expect(form.getByText("Ceiling window: 90 → 80 days (loosens: incidents count for a shorter time)")).toBeVisible();
  await proposer.getByLabel("Why this change").fill("Incidents older than 80 days no longer tell us much");
  await form.getByRole("button", { name: "Propose for approval" }).click();
  await expect(form.getByRole("status")).toContainText("it takes effect only when a second, senior reviewer approves it");

  // The proposer sees it pending, not in force, and cannot decide on it.
  const mine = proposer.getByRole("listitem", { name: /^Proposal #\d+$/ });
  await expect(mine.getByText("You proposed this change")).toBeVisible();
  await expect(mine.getByRole("button", { name: "Approve and put in force" })).toHaveCount(0);

  const approver = await (await browser.newContext()).newPage();
  await signIn(approver, USERS.reviewer2);
  await approver.goto("/policy");
  await expect(approver.getByLabel("Window (days)")).toHaveValue("90");
  const proposal = approver.getByRole("listitem", { name: /^Proposal #\d+$/ });
  await expect(proposal.getByText("Incidents older than 80 days no longer tell us much")).toBeVisible();
  const row = proposal.getByRole("row", { name: /Ceiling window/ });
  await expect(row).toContainText("90 → 80 days");
  await expect(row).toContainText("Loosens");
  await approver.screenshot({ path: test.info().outputPath("policy-proposal.png"), fullPage: true });

  await proposal.getByLabel("Comment").fill("Agreed at the risk review");
  await proposal.getByRole("button", { name: "Approve and put in force" }).click();
  await expect(approver.getByRole("status").filter({ hasText: "Approved: proposal" })).toContainText(/is in force as version \d+/);
  await approver.reload();
  await expect(approver.getByLabel("Window (days)")).toHaveValue("80");
  await expect(approver.getByText("approved by reviewer2@example.com").first()).toBeVisible();

  // Back to the defaults: tightening applies at once, so the other tests' findings stay as they are.
  const thresholds = approver.getByRole("form", { name: "Policy thresholds" });
  await approver.getByLabel("Window (days)").fill("90");
  await expect(thresholds.getByRole("button", { name: "Save as a new version" })).toBeVisible();
  await approver.getByLabel("Why this change").fill("Back to the defaults after the trial");
  await thresholds.getByRole("button", { name: "Save as a new version" }).click();
  await expect(thresholds.getByRole("status")).toContainText("It governs from now on.");
});
