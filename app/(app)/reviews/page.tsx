import type { Metadata } from "next";
import { ReviewQueue } from "@/components/grants/review-queue";
import { Card, PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { reviewQueue } from "@/lib/data/access-reviews";
import { readPolicy } from "@/lib/data/policy";
import { reviewQueueQuerySchema } from "@/lib/validation/access-reviews.validation";
import { lenientQuery } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Access reviews" };

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const query = lenientQuery(reviewQueueQuerySchema, await searchParams, { pageSize: "25" });
  const data = await reviewQueue(user, query);
  const { policy } = await readPolicy(user);
  const periods = policy.reviews.periodDays;
  return (
    <>
      <PageHeader
        title="Access reviews"
        description={`An approved grant is looked at again every ${periods.PRODUCTION} days in production and above (${periods.PRE_PRODUCTION} below), counted from its approval or last certification. A due grant not certified within ${policy.reviews.graceDays} days becomes a GRANT_NOT_RECERTIFIED finding. The requester of a grant may not certify it.`}
      />
      <Card title={`Due for review (${data.total})`} description="Most overdue first. Certify what is still needed, with a word on why; revoke what is not.">
        <ReviewQueue data={data} reviewer={{ email: user.email, canReview: can(user.role, "grant:decide") }} />
      </Card>
    </>
  );
}
