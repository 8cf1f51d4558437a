import { redirect } from "next/navigation";

// The catalog opens on its environments, the entries that weigh most in the policy.
export default function CatalogPage() {
  redirect("/catalog/environments");
}
