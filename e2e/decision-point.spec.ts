import { expect, test } from "@playwright/test";
import { SAME_ORIGIN, signIn, USERS } from "./helpers";

test("an agent runtime with a viewer's token asks before acting; the refusal shows on the tool page as a denied attempt", async ({ page, playwright, baseURL }) => {
  await signIn(page, USERS.admin);
  const users = await (await page.request.get("/api/v1/users?pageSize=200")).json();
  const viewer = users.rows.find((u: { email: string }) => u.email === USERS.viewer);
  const issued = await page.request.post(`/api/v1/users/${viewer.id}/tokens`, { headers: SAME_ORIGIN, data: { name: "agent runtime e2e" } });
  const { token } = await issued.json();

  const agent = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const asked = await agent.post("/api/v1/authorize", { data: { tool: "nimbus-autofix", environment: "prod-us-east", mode: "AGENT", capabilities: ["repo:read"] } });
  expect(asked.status()).toBe(200);
  const decision = await asked.json();
  expect(decision.allowed).toBe(false);
  expect(decision.reasons.map((r: { code: string }) => r.code)).toContain("NO_VALID_GRANT");
  const unknown = await agent.post("/api/v1/authorize", { data: { tool: "no-such-tool", environment: "prod-eu-west", mode: "AGENT" } });
  expect(unknown.status()).toBe(404);
  await agent.dispose();

  await page.goto("/tools/nimbus-autofix");
  const denied = page.getByTestId("denied-attempts");
  await expect(denied).toContainText("prod-us-east");
});

test("an admin gives a reviewer a GitHub login on the People page, and the register resolves it", async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.goto("/people");
  const person = page.locator(`[data-testid="person"][data-email="${USERS.reviewer2}"]`);
  await person.getByLabel("GitHub login").fill("Sam-Whitaker");
  await person.getByRole("button", { name: "Save" }).click();
  await expect(person.getByRole("status")).toContainText(`Saved ${USERS.reviewer2}.`);
  await expect(person.getByText("GitHub: sam-whitaker")).toBeVisible();

  const resolved = await page.request.post("/api/v1/users/resolve", { headers: SAME_ORIGIN, data: { github: ["SAM-WHITAKER", "samwhit"] } });
  expect(await resolved.json()).toEqual({ people: [{ github: "sam-whitaker", email: USERS.reviewer2, name: "Sam Whitaker", senior: true }], unknown: ["samwhit"] });
});
