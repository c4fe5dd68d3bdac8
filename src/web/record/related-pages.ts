import type { ApplicationResponse } from '../../applications/public-api';
import type { Principal } from '../../auth/principal';
import { WEB_PREFIX } from '../web-paths';

/** A page about the application kept elsewhere: its requests and returns, its products, the record as a PDF. */
export interface RelatedPage {
  text: string;
  href: string;
}

/**
 * What the record page links to besides its events (docs/web.md §1): once an application has been authorised
 * (it then has an end of validity), the SPOC acquires under it and issues products from it; the SPOC and the SRO
 * may download the whole record. The pages themselves decide who may open them; these links only spare a person
 * a link they could not follow.
 */
export function relatedPagesFor(application: ApplicationResponse, principal: Principal): RelatedPage[] {
  const base = `${WEB_PREFIX}/applications/${application.id}`;
  const spoc = principal.roles.includes('spoc');
  const pages: RelatedPage[] = [];
  if (spoc && application.expiresAt) {
    pages.push({ text: 'Requests to operators and their returns', href: `${base}/acquisition` });
    pages.push({ text: 'Products and their dissemination log', href: `${base}/products` });
  }
  if (spoc || principal.roles.includes('sro')) pages.push({ text: `Download the whole record of ${application.urn} (PDF)`, href: `${base}/record.pdf` });
  return pages;
}
