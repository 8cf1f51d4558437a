import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver } from "../lib/test/webhook-receiver";
import { signIn, USERS } from "./helpers";

test("an admin subscribes an endpoint, sends a test event, and sees the signed attempt in the delivery log", async ({ page }) => {
  const receiver = await startWebhookReceiver();
  receiver.answer = () => ({ status: 202, body: "accepted by the e2e receiver" });
  try {
    await signIn(page, USERS.admin);
    await page.goto("/webhooks");
    const form = page.getByRole("form", { name: "Add a subscription" });
    await form.getByLabel("Name").fill("E2E security channel");
    await form.getByLabel("URL").fill(receiver.url);
    await form.getByLabel("finding.opened").check();
    await form.getByLabel("Minimum severity").selectOption("HIGH");
    await form.getByRole("button", { name: "Add subscription" }).click();
    const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    await page.getByRole("link", { name: "Open its delivery log" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("E2E security channel");
    await expect(page.getByText("Nothing sent yet")).toBeVisible();
    await page.getByRole("button", { name: "Send a test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test event" })).toBeVisible();

    await receiver.waitFor(1);
    const [request] = receiver.received;
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: "webhook.test" });

    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("delivery").first()).toContainText("Delivered", { timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const delivery = page.getByTestId("delivery").first();
    await expect(delivery).toContainText("webhook.test");
    await expect(delivery).toContainText(`webhook-id ${request.headers["webhook-id"]}`);
    await delivery.getByText("Attempts (1 latest)").click();
    await expect(delivery.getByTestId("attempt")).toContainText("202");
    await expect(delivery.getByTestId("attempt")).toContainText("accepted by the e2e receiver");

    // The list shows it, with the delivery counted.
    await page.goto("/webhooks");
    await expect(page.getByRole("row", { name: /E2E security channel/ })).toContainText("1 delivered");
  } finally {
    await receiver.close();
  }
});

test("notifications are an admin's: others are told so and the API refuses them", async ({ page }) => {
  await signIn(page, USERS.viewer);
  await page.goto("/webhooks");
  await expect(page.getByTestId("webhooks-forbidden")).toContainText("Admin");
  expect((await page.request.get("/api/v1/webhooks")).status()).toBe(403);
});
