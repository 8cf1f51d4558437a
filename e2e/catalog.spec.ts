import { expect, test, type Browser, type Page } from "@playwright/test";
import { signIn, unfoldForm, USERS } from "./helpers";

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test("a platform lead adds an environment and a capability, requests a grant with them, and raises the environment's tier", async ({ browser }) => {
  const lead = await as(browser, USERS.lead);
  await lead.getByRole("link", { name: "Catalog" }).click();
  await expect(lead).toHaveURL(/\/catalog\/environments$/);
  await expect(lead.getByRole("link", { name: "Environments", exact: true })).toHaveAttribute("aria-current", "page");

  // A refused form keeps what was typed and says what is wrong next to the field.
  let addEnvironment = await unfoldForm(lead, "Add an environment");
  await addEnvironment.getByLabel("Name").fill("prod-ap-south");
  await addEnvironment.getByRole("button", { name: "Add environment" }).click();
  await expect(addEnvironment.getByLabel("Tier")).toHaveAccessibleDescription(/tier must be one of/);
  await expect(addEnvironment.getByLabel("Name")).toHaveValue("prod-ap-south");
  await addEnvironment.getByLabel("Tier").selectOption("PRE_PRODUCTION");
  await addEnvironment.getByLabel("Data sensitivity").selectOption("PII");
  await addEnvironment.getByLabel("Description").fill("Asia-Pacific production, opening next quarter.");
  await addEnvironment.getByRole("button", { name: "Add environment" }).click();
  await expect(lead).toHaveURL(/\/catalog\/environments\/prod-ap-south\?created=1$/);
  await expect(lead.getByTestId("catalog-created")).toHaveText("Added prod-ap-south.");
  await expect(lead.getByTestId("environment-tier")).toHaveText("Pre production");

  // The same name again, in another letter case, is refused next to the name.
  await lead.goto("/catalog/environments");
  addEnvironment = await unfoldForm(lead, "Add an environment");
  await addEnvironment.getByLabel("Name").fill("Prod-AP-South");
  await addEnvironment.getByLabel("Tier").selectOption("SANDBOX");
  await addEnvironment.getByRole("button", { name: "Add environment" }).click();
  await expect(addEnvironment.getByLabel("Name")).toHaveAccessibleDescription(/"prod-ap-south" already exists/);

  await lead.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Capabilities" }).click();
  const addCapability = await unfoldForm(lead, "Add a capability");
  await addCapability.getByLabel("Key").fill("queue:purge");
  await addCapability.getByLabel("Class").selectOption("DESTRUCTIVE");
  await addCapability.getByLabel("Description").fill("Purge a message queue.");
  await addCapability.getByRole("button", { name: "Add capability" }).click();
  await expect(lead).toHaveURL(/\/catalog\/capabilities\/queue%3Apurge\?created=1$/);
  await expect(lead.getByTestId("capability-class")).toHaveText("Destructive");

  // The grant request form on a tool's page offers both at once.
  const justification = `Drain poisoned queues in the new region (e2e ${Date.now()}).`;
  await lead.goto("/tools/testsmith");
  const request = await unfoldForm(lead, "Request a grant");
  await request.getByLabel("Environment").selectOption("prod-ap-south");
  await request.getByRole("checkbox", { name: "queue:purge" }).check();
  await request.getByLabel("Justification").fill(justification);
  await request.getByRole("button", { name: "Request grant" }).click();
  await expect(lead).toHaveURL(/\/grants\/c[a-z0-9]+\?requested=1$/);
  await expect(lead.getByRole("heading", { name: /Testsmith → prod-ap-south/ })).toContainText("Requested");
  await lead.goto("/grants");
  await expect(lead.getByRole("row").filter({ hasText: justification })).toBeVisible();

  // Both records show what refers to them.
  await lead.goto("/catalog/capabilities/queue%3Apurge");
  await expect(lead.getByTestId("grant-reference")).toHaveCount(1);
  await expect(lead.getByTestId("grant-reference")).toContainText("Testsmith in prod-ap-south");
  await lead.goto("/catalog/environments/prod-ap-south");
  const reference = lead.getByTestId("grant-reference");
  await expect(reference).toContainText("Requested");
  await expect(reference).toContainText("queue:purge");

  // Raising the tier: the page, the policy's requirement and the history follow.
  await expect(lead.getByTestId("required-approvals")).toHaveAttribute("data-count", "1");
  const edit = lead.getByRole("form", { name: "Edit prod-ap-south" });
  await expect(edit.getByLabel("Name")).toHaveAttribute("readonly", "");
  await expect(edit.getByLabel("Name")).toHaveAccessibleDescription(/cannot be changed/);
  await edit.getByLabel("Tier").selectOption("CONTROL_PLANE");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved prod-ap-south.");
  await expect(lead.getByTestId("environment-tier")).toHaveText("Control plane");
  await expect(lead.getByTestId("required-approvals")).toHaveAttribute("data-count", "2");
  const history = lead.getByTestId("audit-history-event");
  await expect(history.first()).toHaveAttribute("data-action", "environment.updated");
  await expect(history.first()).toContainText("CONTROL_PLANE");
  await expect(history.last()).toHaveAttribute("data-action", "environment.created");
});

test("a viewer reads the catalog and its records without any form", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/catalog");
  await expect(page).toHaveURL(/\/catalog\/environments$/);
  await expect(page.getByTestId("catalog-read-only")).toContainText("needs the Platform lead or Admin role");
  await expect(page.getByRole("row").filter({ hasText: "prod-us-east" })).toContainText("Critical path");
  await expect(page.getByRole("form")).toHaveCount(0);
  await expect(page.locator("summary", { hasText: "Add an environment" })).toHaveCount(0);

  await page.getByRole("link", { name: "prod-us-east" }).click();
  await expect(page.getByRole("heading", { name: "prod-us-east", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /^Grants in this environment \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole("form")).toHaveCount(0);

  await page.goto("/catalog/teams");
  await page.getByRole("main").getByRole("searchbox", { name: "Search" }).fill("developer");
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=developer/);
  await page.getByRole("link", { name: "Developer Experience" }).click();
  await expect(page).toHaveURL(/\/catalog\/teams\/Developer%20Experience$/);
  await expect(page.getByRole("heading", { name: "Developer Experience", level: 1 })).toBeVisible();
  await expect(page.getByTestId("tool-references").getByRole("link").first()).toBeVisible();
  await expect(page.getByRole("form")).toHaveCount(0);

  await page.goto("/catalog/capabilities/no%3Asuch-thing");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
