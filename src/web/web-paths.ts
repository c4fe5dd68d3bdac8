/**
 * Where the web pages live (docs/web.md). The JSON API keeps its paths; the pages take `/`, the sign-in
 * pair and everything under `/web`, so no path means two things and forms are parsed only here.
 */
export const WEB_PREFIX = '/web';
export const SIGN_IN_PATH = '/sign-in';
export const SIGN_OUT_PATH = '/sign-out';

/** The paths whose POST bodies are HTML forms (application/x-www-form-urlencoded). */
export const FORM_PATHS = [SIGN_IN_PATH, SIGN_OUT_PATH, WEB_PREFIX];

/** Only a path of this service (one leading slash, not `//host`), so a `returnTo` cannot send anyone elsewhere. */
export function safeReturnTo(value: unknown): string | null {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) && value.length <= 500 ? value : null;
}
