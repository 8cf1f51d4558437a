import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite and pg are Node libraries with native-ish loading; keep them out of the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "pg"],
  // next-auth imports "next/server" without an extension, which Node cannot resolve when the Pages
  // Router loads it as an external module (pages/api/v1/changes.ts): bundle it instead.
  transpilePackages: ["next-auth"],
  poweredByHeader: false,
};

export default nextConfig;
