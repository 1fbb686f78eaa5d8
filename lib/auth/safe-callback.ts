// Where a login may send the browser afterwards: a path of this site, never another origin.
// Known bypasses of a plain `startsWith("/")` check: "/\evil.example" (browsers read "\" as "/"),
// "//evil.example", tabs or newlines inside the URL (browsers drop them), "/.//evil.example"
// (normalizes to "//evil.example"), absolute and javascript: URLs.
const FALLBACK = "/incidents";
const PLACEHOLDER_ORIGIN = "http://blast-radius.invalid";

/** A same-origin path (with query and fragment) for `value`, or the default page. */
export function safeCallbackPath(value: string | string[] | null | undefined, fallback = FALLBACK): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || v.length > 2048) return fallback;
  if (!v.startsWith("/") || v.startsWith("//") || v.includes("\\") || /[\u0000-\u001f\u007f]/.test(v)) return fallback;
  let url: URL;
  try {
    url = new URL(v, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

/** next-auth's redirect callback: same-origin only, whatever `url` says. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  const base = new URL(baseUrl);
  let target: string | null = null;
  if (url.startsWith("/")) target = url;
  else {
    try {
      const parsed = new URL(url);
      if (parsed.origin === base.origin) target = `${parsed.pathname}${parsed.search}${parsed.hash}`;
    } catch {
      target = null;
    }
  }
  return `${base.origin}${safeCallbackPath(target)}`;
}
