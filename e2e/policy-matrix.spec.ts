import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./helpers";

async function openEditor(page: Page) {
  await page.goto("/policy");
  await page.locator("summary", { hasText: "Edit the approval matrix" }).click();
  const editor = page.getByRole("form", { name: "Approval matrix editor" });
  await expect(editor).toBeVisible();
  return editor;
}

// The figures are the seed's: of its three pending requests only nimbus-autofix's (AUTONOMOUS, in the
// sandbox) needs two people under the added row, and with DEPLOY high-impact only Shipwright's
// production grant (ci:run, approved by one reviewer) raises DESTRUCTIVE_WITHOUT_TWO_PERSON.
test("a security reviewer adds a row, moves it to the top from the keyboard, previews its effect and saves it as the version in force", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  const editor = await openEditor(page);
  const rows = editor.getByRole("list", { name: "Matrix rows" }).getByRole("listitem");
  await expect(rows).toHaveCount(2);

  await editor.getByRole("button", { name: "+ Add a row" }).click();
  await expect(rows).toHaveCount(3);
  const condition = editor.getByRole("group", { name: "Row 3, condition 1" });
  await expect(condition.getByLabel("Tier at least")).toBeFocused();
  await condition.getByLabel("Autonomy at least").selectOption("AUTONOMOUS");
  await editor.getByLabel("Row 3: approvals").selectOption("2");
  await expect(editor.getByLabel("Row 3: a senior reviewer must approve")).toBeChecked();
  await expect(rows.nth(2)).toContainText("Row 3, condition 1: autonomy AUTONOMOUS or above");

  // Reordered with the keyboard: focus follows the row it moves.
  await editor.getByRole("button", { name: "Move row 3 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("button", { name: "Move row 2 up" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(editor.getByRole("button", { name: "Move row 1 down" })).toBeFocused();
  await expect(rows.first()).toContainText("2 distinct reviewers, at least one senior");
  await expect(rows.first()).toContainText("Row 1, condition 1: autonomy AUTONOMOUS or above");

  await editor.getByRole("group", { name: /^High-impact capability classes/ }).getByLabel("Deploy").check();
  await expect(editor.getByRole("button", { name: /Save the matrix/ })).toHaveCount(0);
  await editor.getByRole("button", { name: "Preview the effect" }).click();
  const preview = editor.getByTestId("matrix-preview");
  await expect(preview.getByTestId("preview-more")).toHaveText("1");
  await expect(preview.getByTestId("preview-fewer")).toHaveText("0");
  await expect(preview.getByTestId("preview-two-person")).toHaveText("1");
  await expect(preview).toContainText("Loosens nothing: applies at once");
  await expect(preview.getByRole("link", { name: "nimbus-autofix in sandbox" })).toHaveAttribute("href", /^\/grants\/c[a-z0-9]+$/);
  await expect(preview.getByRole("link", { name: "shipwright in prod-us-east" })).toHaveAttribute("href", /^\/grants\/c[a-z0-9]+$/);
  await expect(preview).toContainText("1 senior reviewer → 2 distinct reviewers, at least one senior");
  const nimbus = await preview.getByRole("link", { name: "nimbus-autofix in sandbox" }).getAttribute("href");

  await editor.getByLabel("Why the matrix changes").fill("Autonomous agents need two people at every tier; deploy rights are high-impact");
  await editor.getByRole("button", { name: "Save the matrix as a new version" }).click();
  await expect(editor.getByRole("status")).toContainText(/Saved as version \d+\. It governs from now on\./);

  await page.reload();
  const matrix = page.getByRole("table", { name: "Approvals a grant needs" });
  await expect(matrix.getByRole("row")).toHaveCount(5);
  const added = matrix.getByRole("row").nth(2).getByRole("cell");
  await expect(added.first()).toHaveText("autonomy AUTONOMOUS or above");
  await expect(added.nth(1)).toHaveText("2 distinct reviewers, at least one senior (two-person rule)");
  await expect(page.getByText("Autonomous agents need two people at every tier; deploy rights are high-impact")).toBeVisible();
  // The pending request now asks what the new row asks.
  await page.goto(nimbus!);
  await expect(page.getByTestId("required-approvals").first()).toContainText("2 distinct reviewers, at least one senior");
});

test("removing a row and a high-impact class loosens the matrix: the preview says so, and it waits for a second, senior reviewer", async ({ browser }) => {
  const proposer = await (await browser.newContext()).newPage();
  await signIn(proposer, USERS.juniorReviewer);
  const editor = await openEditor(proposer);
  const rows = editor.getByRole("list", { name: "Matrix rows" }).getByRole("listitem");
  await expect(rows).toHaveCount(3);
  await editor.getByRole("button", { name: "Remove row 1" }).click();
  await expect(rows).toHaveCount(2);
  await expect(editor.getByRole("button", { name: "+ Add a row" })).toBeFocused();
  await editor.getByRole("group", { name: /^High-impact capability classes/ }).getByLabel("Deploy").uncheck();

  await editor.getByRole("button", { name: "Preview the effect" }).click();
  const preview = editor.getByTestId("matrix-preview");
  await expect(preview.getByTestId("preview-more")).toHaveText("0");
  await expect(preview.getByTestId("preview-fewer")).toHaveText("1");
  await expect(preview.getByTestId("preview-two-person")).toHaveText("0");
  await expect(preview).toContainText("Loosens: a proposal");
  await expect(preview.getByRole("heading", { name: "Would clear DESTRUCTIVE_WITHOUT_TWO_PERSON (1)" })).toBeVisible();
  await expect(preview.getByRole("link", { name: "shipwright in prod-us-east" })).toBeVisible();

  await editor.getByLabel("Why the matrix changes").fill("Back to the matrix of DESIGN.md after the trial");
  await editor.getByRole("button", { name: "Propose the matrix for approval" }).click();
  await expect(editor.getByRole("status")).toContainText(/Proposed as proposal #\d+/);
  const proposal = proposer.getByRole("listitem", { name: /^Proposal #\d+$/ });
  await expect(proposal).toContainText("Back to the matrix of DESIGN.md after the trial");
  await expect(proposer.getByRole("table", { name: "Approvals a grant needs" }).getByRole("row")).toHaveCount(5);

  const approver = await (await browser.newContext()).newPage();
  await signIn(approver, USERS.reviewer2);
  await approver.goto("/policy");
  const pending = approver.getByRole("listitem", { name: /^Proposal #\d+$/ });
  await pending.getByLabel("Comment").fill("Agreed: the trial is over");
  await pending.getByRole("button", { name: "Approve and put in force" }).click();
  await expect(approver.getByRole("status").filter({ hasText: "Approved: proposal" })).toContainText(/is in force as version \d+/);
  await expect(approver.getByRole("table", { name: "Approvals a grant needs" }).getByRole("row")).toHaveCount(4);
});

test("at 390 px the editor and its preview fit the screen", async ({ page }) => {
  await signIn(page, USERS.reviewer);
  await page.setViewportSize({ width: 390, height: 844 });
  const editor = await openEditor(page);
  await editor.getByRole("button", { name: "Preview the effect" }).click();
  await expect(editor.getByTestId("matrix-preview")).toContainText("No pending grant needs different approvals");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
