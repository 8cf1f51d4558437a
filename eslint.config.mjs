import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", "node_modules/**", "next-env.d.ts", "playwright-report/**", "test-results/**"] },
  { rules: { "@typescript-eslint/no-explicit-any": "off" } },
];

export default config;
