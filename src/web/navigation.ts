import type { Principal } from '../auth/principal';
import type { Role } from '../workflow/roles';
import { WEB_PREFIX } from './web-paths';

export interface NavigationItem {
  text: string;
  href: string;
  active: boolean;
}

/** Each user group's start page (issue 19): what the service navigation offers a holder of the role. */
const ITEMS: readonly { role: Role; text: string; href: string }[] = [
  { role: 'applicant', text: 'My applications', href: `${WEB_PREFIX}/applications` },
  { role: 'spoc', text: 'SPOC work queue', href: `${WEB_PREFIX}/spoc` },
  { role: 'ocda', text: 'Decisions', href: `${WEB_PREFIX}/decisions` },
  { role: 'dso', text: 'Decisions', href: `${WEB_PREFIX}/decisions` },
  { role: 'jc', text: 'Decisions', href: `${WEB_PREFIX}/decisions` },
];

/** The navigation for a person holding `principal`'s roles, the current page's item marked. */
export function navigationFor(principal: Principal | undefined, path: string): NavigationItem[] {
  if (!principal) return [];
  const seen = new Set<string>();
  return ITEMS.filter((item) => principal.roles.includes(item.role) && !seen.has(item.href) && seen.add(item.href)).map((item) => ({
    text: item.text,
    href: item.href,
    active: path === item.href || path.startsWith(`${item.href}/`),
  }));
}

/** Where "home" is for this person: their first item, or a page saying the service has nothing for them. */
export function homeFor(principal: Principal): string {
  return navigationFor(principal, '')[0]?.href ?? `${WEB_PREFIX}/nothing-here`;
}
