import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and pg are Node libraries with native-ish loading; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  poweredByHeader: false,
};

export default nextConfig;
