// next-auth configuration: credentials always, a generic OIDC provider when configured.
// Sessions are JWTs carrying the user id; role and teams are re-read on every request.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env, oidcEnabled } from "../env";
import { signInWithPassword, signInWithOidc } from "./sign-in";
import { groupsFromClaim } from "./oidc-mapping";
import { loadUserForAuth } from "../db/users";
import { sameOriginRedirect } from "./safe-callback";

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function oidcProvider(): NextAuthOptions["providers"][number] {
  const e = env();
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: Record<string, unknown>) {
      return {
        id: String(profile.sub ?? ""),
        email: String(profile.email ?? ""),
        // OIDC Core: email_verified is a boolean; some providers send the string "true"
        emailVerified: profile.email_verified === true || profile.email_verified === "true",
        issuer: typeof profile.iss === "string" ? profile.iss : e.OIDC_ISSUER!,
        name: String(profile.name ?? profile.preferred_username ?? profile.email ?? ""),
        groups: groupsFromClaim(profile[e.OIDC_GROUPS_CLAIM]),
      };
    },
  };
}

export function authOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        if (!credentials?.email || !credentials.password) return null;
        if (credentials.email.length > 320 || credentials.password.length > 1024) return null;
        return signInWithPassword(credentials.email, credentials.password);
      },
    }),
  ];
  if (oidcEnabled()) providers.push(oidcProvider());
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      redirect: ({ url, baseUrl }) => sameOriginRedirect(url, baseUrl),
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        const u = user as { email?: string | null; name?: string | null; groups?: string[]; emailVerified?: boolean; issuer?: string };
        if (!u.email) return false;
        const local = await signInWithOidc({
          issuer: u.issuer ?? env().OIDC_ISSUER!,
          subject: account.providerAccountId,
          email: u.email,
          emailVerified: u.emailVerified === true,
          name: u.name ?? u.email,
          groups: u.groups ?? [],
        });
        if ("refused" in local) return `/login?error=${local.refused === "email_not_verified" ? "OidcEmailNotVerified" : "OidcAccountNotLinked"}`;
        user.id = local.id;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sv = (await loadUserForAuth(user.id))?.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        const current = token.uid ? await loadUserForAuth(String(token.uid)) : null;
        const version = typeof token.sv === "number" ? token.sv : 0;
        if (!current || current.disabled || current.sessionVersion !== version) return { ...session, user: undefined };
        return {
          ...session,
          user: { id: current.id, email: current.email, name: current.name, role: current.role },
        };
      },
    },
  };
}
