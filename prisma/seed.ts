// `npm run db:seed`: fills an empty register with the demo data (prisma/seed-data.ts) and, when
// BOOTSTRAP_API_TOKEN is set, makes sure an ADMIN user holds that API token. Migrations are not
// applied here: run `npm run db:migrate` first (`npm start` does both by itself).
import { createPrismaClient } from "../lib/db/client";
import { DEMO_PASSWORD, DEMO_USERS, ensureBootstrapAdmin, seed } from "./seed-data";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the register's Postgres database (e.g. postgresql://user@host:5432/db).");
  process.exit(1);
}

const db = createPrismaClient(url);
try {
  if ((await db.user.count()) === 0) {
    console.log("Seeding the demo register…");
    await seed(db);
    console.log("Demo register created.");
  } else {
    console.log("Users already exist: already seeded, demo data left as it is.");
  }

  if (process.env.BOOTSTRAP_API_TOKEN) {
    await ensureBootstrapAdmin(db, process.env.BOOTSTRAP_API_TOKEN);
    console.log("Bootstrap admin (bootstrap-admin@example.com) holds the BOOTSTRAP_API_TOKEN.");
  }

  // Only the demo users that are really there (a register seeded by other means may have none).
  const present = new Set(
    (await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) }, active: true }, select: { email: true } })).map((u) => u.email),
  );
  const rows = DEMO_USERS.filter((u) => present.has(u.email)).map((u) => ({ email: u.email, role: u.senior ? `${u.role} (senior)` : u.role, password: DEMO_PASSWORD }));
  const width = {
    email: Math.max(5, ...rows.map((r) => r.email.length)),
    role: Math.max(4, ...rows.map((r) => r.role.length)),
  };
  const line = (email: string, role: string, password: string) => `  ${email.padEnd(width.email)}  ${role.padEnd(width.role)}  ${password}`;
  console.log(rows.length ? "\nDemo sign-ins:" : "\nNo demo users in this register.");
  if (rows.length) {
    console.log(line("email", "role", "password"));
    console.log(line("-".repeat(width.email), "-".repeat(width.role), "-".repeat(DEMO_PASSWORD.length)));
    for (const r of rows) console.log(line(r.email, r.role, r.password));
  }
} catch (error) {
  console.error(`Seeding failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
