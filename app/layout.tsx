import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "GenAI Risk Register", template: "%s · GenAI Risk Register" },
  description: "The system of record for every AI tool that can touch code and infrastructure.",
};

// Every page is rendered per request, so that each carries the nonce of its Content-Security-Policy
// (proxy.ts); a page prerendered at build time would have scripts the policy refuses.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
