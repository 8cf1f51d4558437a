import type { Metadata } from "next";
import { AddPersonForm, PersonRow } from "@/components/people/people-forms";
import { Card, PageHeader } from "@/components/ui/card";
import { can, PERMISSIONS, ROLE_LABELS } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";

export const metadata: Metadata = { title: "People and tokens" };

const header = (
  <PageHeader
    title="People and API tokens"
    description="Who may sign in, with which role, and the tokens CI/CD and inventory sync use (a token acts with its person's role). Role, seniority and the active flag take effect on the person's next request; deactivating someone stops their tokens too."
  />
);

export default async function PeoplePage() {
  const user = await requireUser();
  if (!can(user.role, "user:admin")) {
    return (
      <>
        {header}
        <Card>
          <p className="text-sm text-slate-700" data-testid="people-forbidden">
            Managing people and tokens needs the {PERMISSIONS["user:admin"].map((role) => ROLE_LABELS[role]).join(" or ")} role; you are signed in as {ROLE_LABELS[user.role]}.
          </p>
        </Card>
      </>
    );
  }
  const people = await listUsers(user, { page: 1, pageSize: 200 });
  return (
    <>
      {header}
      <div className="space-y-6">
        <Card title="Add a person">
          <AddPersonForm />
        </Card>
        <Card title={`People (${people.total})`} description={people.total > people.rows.length ? `The first ${people.rows.length}; GET /api/v1/users pages through all.` : "Active people first."}>
          <ul className="divide-y divide-slate-100">
            {people.rows.map((person) => (
              <PersonRow key={person.id} person={person} isYou={person.id === user.id} />
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
