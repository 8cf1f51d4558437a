import type { NextApiRequest, NextApiResponse } from "next";
import { auth } from "./auth";
import { activeUser } from "./active-user";
import type { Actor } from "./actor";

// The signed-in user of a Pages Router API request; currentUser() is the App Router's equivalent.
export async function sessionUserOf(request: NextApiRequest, response: NextApiResponse): Promise<Actor | null> {
  const session = await auth(request, response);
  return activeUser(session?.user?.id, session?.sessionVersion);
}
