import { Field, Select } from "@/components/ui/form";

// Who owns a risk or a mitigation: a team, a person, or both (the server asks for one at least).
export function OwnerFields({
  idPrefix,
  errors,
  teams,
  users,
  team,
  user,
}: {
  idPrefix: string;
  errors: Record<string, string | undefined>;
  teams: string[];
  users: { email: string; name: string }[];
  /** The current owners: a team's name, a person's email. */
  team?: string | null;
  user?: string | null;
}) {
  return (
    <>
      <Field label="Owner team" htmlFor={`${idPrefix}-ownerTeam`} error={errors.ownerTeam} hint="A team, a person, or both.">
        <Select id={`${idPrefix}-ownerTeam`} name="ownerTeam" defaultValue={team ?? ""} options={teams.map((t) => [t, t])}>
          <option value="">—</option>
        </Select>
      </Field>
      <Field label="Owner person" htmlFor={`${idPrefix}-ownerUser`} error={errors.ownerUser}>
        <Select id={`${idPrefix}-ownerUser`} name="ownerUser" defaultValue={user ?? ""} options={users.map((u) => [u.email, `${u.name} (${u.email})`])}>
          <option value="">—</option>
        </Select>
      </Field>
    </>
  );
}
