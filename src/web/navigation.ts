import type { Principal } from '../auth/principal';
import type { Role } from '../workflow/roles';
import { WEB_PREFIX } from './web-paths';

export interface NavigationItem {
  text: string;
  href: string;
  active: boolean;
}

/** Each user group's start pages (issues 19 and 20): what the service navigation offers a holder of the role. */
const ITEMS: readonly { role: Role; text: string; href: string }[] = [
  { role: 'applicant', text: 'My applications', href: `${WEB_PREFIX}/applications` },
  { role: 'applicant', text: 'My products', href: `${WEB_PREFIX}/products` },
  { role: 'spoc', text: 'SPOC work queue', href: `${WEB_PREFIX}/spoc` },
  { role: 'spoc', text: 'Error register', href: `${WEB_PREFIX}/errors` },
  { role: 'spoc', text: 'Dashboard', href: `${WEB_PREFIX}/oversight` },
  { role: 'ocda', text: 'Decisions', href: `${WEB_PREFIX}/decisions` },
  { role: 'dso', text: 'Decisions', href: `${WEB_PREFIX}/decisions` },
  { role: 'jc', text: 'Decisions', href: `${WEB_PREFIX}/decisions` },
  { role: 'sro', text: 'Dashboard', href: `${WEB_PREFIX}/oversight` },
  { role: 'sro', text: 'Error register', href: `${WEB_PREFIX}/errors` },
  { role: 'sro', text: 'Statistics return', href: `${WEB_PREFIX}/statistics` },
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
