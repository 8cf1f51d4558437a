import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
if (inject("embeddedDatabase")) process.env.EMBEDDED_DATABASE = "1";
