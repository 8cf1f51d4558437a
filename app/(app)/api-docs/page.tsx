import type { Metadata } from "next";
import { ApiReference } from "@/components/api-docs/api-reference";
import { PageHeader } from "@/components/ui/card";
import { openApiDocument } from "@/lib/api/openapi";
import { requireUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  await requireUser();
  const document = openApiDocument();
  return (
    <>
      <PageHeader
        title="API reference"
        description={
          <>
            {document.info.description} Send <code>Authorization: Bearer &lt;token&gt;</code>. Machine-readable:{" "}
            <a href="/api/v1/openapi.json" className="text-brand-700 underline underline-offset-2">
              /api/v1/openapi.json
            </a>
            .
          </>
        }
      />
      <ApiReference document={document} />
    </>
  );
}
