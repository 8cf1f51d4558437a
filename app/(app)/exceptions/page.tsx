import type { Metadata } from "next";
import Link from "next/link";
import { ExceptionsTable } from "@/components/findings/exceptions-table";
import { Card, PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/session";
import { listExceptions } from "@/lib/data/exceptions";

export const metadata: Metadata = { title: "Exceptions" };

export default async function ExceptionsPage() {
  const user = await requireUser();
  const exceptions = await listExceptions(user);
  const inForce = exceptions.filter((exception) => exception.state === "IN_FORCE").length;
  const awaiting = exceptions.filter((exception) => exception.state === "AWAITING_CONFIRMATION").length;
  return (
    <>
      <PageHeader
        title="Exceptions"
        description={`Findings a security reviewer accepted for a while: ${inForce} in force, ${awaiting} awaiting a senior reviewer's confirmation. An accepted finding leaves the headline counts and the matrix colouring until it expires or gets worse.`}
      />
      <Card
        title="Risk acceptances"
        description={
          <>
            Newest first. Accept a finding from its page (open one from{" "}
            <Link href="/findings" className="text-brand-700 underline underline-offset-2">
              Findings
            </Link>
            ).
          </>
        }
      >
        <ExceptionsTable exceptions={exceptions} emptyText="No finding has been accepted. A security reviewer accepts one from the finding's page." />
      </Card>
    </>
  );
}
