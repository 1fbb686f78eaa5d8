import type { Metadata } from "next";
import { cookies } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Blast Radius", template: "%s · Blast Radius" },
  description: "Kubernetes runtime alerts ranked by what the compromised workload can reach",
  // public/: the icon (SVG, PNG, favicon.ico rendered from it by scripts/make-icons.mjs) and the web manifest
  icons: { icon: [{ url: "/favicon.ico", sizes: "32x32" }, { url: "/icon.svg", type: "image/svg+xml" }], apple: "/icon-192.png" },
  manifest: "/manifest.webmanifest",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = (await cookies()).get("theme")?.value === "light" ? "light" : "dark";
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
