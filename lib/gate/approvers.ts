// Who approved, for the deploy gate: e-mails as given, or a pull request's reviews in the shape of
// GitHub's API (GET /repos/{owner}/{repo}/pulls/{n}/reviews), whose logins the config maps to the
// register's people. A reviewer counts by their latest review, as GitHub's own rule does.
import { z } from "zod";

export const githubReviewsSchema = z.array(
  z.object({
    user: z.object({ login: z.string().min(1).max(100) }).nullable(),
    state: z.string().max(40),
  }),
);

export const gateConfigSchema = z.strictObject({
  tools: z.record(z.string().min(1).max(200), z.string().min(1).max(64)).default({}).describe("product id (claude-code, copilot, …) → register slug"),
  logins: z.record(z.string().min(1).max(100), z.email().toLowerCase()).default({}).describe("GitHub login → the register user's e-mail"),
});

export type GateConfig = z.infer<typeof gateConfigSchema>;

export function approversFromReviews(reviews: z.infer<typeof githubReviewsSchema>, logins: Record<string, string>): { emails: string[]; unresolved: string[] } {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    // COMMENTED and PENDING (unsubmitted) reviews leave an earlier decision standing, as on GitHub.
    if (review.user && review.state !== "COMMENTED" && review.state !== "PENDING") latest.set(review.user.login, review.state);
  }
  const approved = [...latest].filter(([, state]) => state === "APPROVED").map(([login]) => login);
  const known = (login: string) => Object.hasOwn(logins, login);
  return { emails: [...new Set(approved.filter(known).map((login) => logins[login]))], unresolved: approved.filter((login) => !known(login)) };
}
