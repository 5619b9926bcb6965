/**
 * The one Content-Security-Policy of the renderer, used by both hosts. No inline script,
 * no eval, no remote origin: the renderer only talks to its own backend.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The HTTP header adds frame-ancestors, which browsers ignore (and complain about) in a meta tag. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
