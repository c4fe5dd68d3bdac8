import { DomainException } from '../../http/domain-exception';
import { ROUTES, type Route } from '../../workflow/application.types';
import { buildCopyPack } from '../hi1/copy-pack';
import { buildHi1Message, type Hi1Message } from '../hi1/hi1-message';
import type { Hi1Input } from '../hi1/hi1-input';
import type { LoadedRequest } from './disclosure-requests.service';

/** The country of every authority this service serves, as HI-1 messages and their task references name it. */
export const AUTHORITY_COUNTRY_CODE = 'GB';

/**
 * A request, its authorisation and its CSP as the standard export and the copy pack take them (docs/law.md
 * §8): the items as stored, which are the application's own identifiers, so what reaches the CSP is byte for
 * byte what was authorised.
 */
export function hi1InputOf({ row, application, csp }: LoadedRequest): Hi1Input {
  const { decision } = application;
  if (!isRoute(application.route) || !application.validFrom || !application.expiresAt || !decision?.decidedAt) {
    throw new DomainException('WORKFLOW_INVALID_TRANSITION', 'The application has no grant to send: only an authorisation with its validity can be sent to a CSP.');
  }
  return {
    requestId: row.id,
    createdAt: row.createdAt,
    authority: { id: application.authorityId, name: application.authorityName, countryCode: AUTHORITY_COUNTRY_CODE },
    authorisation: {
      urn: application.urn,
      reference: application.urn,
      route: application.route,
      grantedAt: new Date(decision.decidedAt),
      validFrom: application.validFrom,
      expiresAt: application.expiresAt,
      authoriserName: decision.deciderName ?? null,
      authoriserOfficeRank: decision.officeRank ?? null,
    },
    csp: { id: csp.id, name: csp.name, etsiEndpointId: csp.etsiEndpointId, timeZone: csp.fileTimeZone },
    items: row.items.map((item) => ({
      ref: item.dataItemRef,
      identifier: { ref: item.identifier.ref, type: item.identifier.type, normalisedValue: item.identifier.normalisedValue },
      category: item.category,
      subtype: item.subtype,
      periodKind: item.periodKind,
      periodStart: item.periodStart,
      periodEnd: item.periodEnd,
      timeZone: item.timeZone,
    })),
  };
}

const isRoute = (route: string | null): route is Route => (ROUTES as readonly string[]).includes(route ?? '');

/** The ETSI TS 103 120 message; a portal-only CSP has no ETSI endpoint, and its SPOC uses the copy pack. */
export function hi1MessageOf(loaded: LoadedRequest): Hi1Message {
  if (loaded.csp.etsiEndpointId === null) {
    throw new DomainException('CSP_CANNOT_ANSWER', `${loaded.csp.name} takes requests through its portal only: use the copy pack.`);
  }
  return buildHi1Message(hi1InputOf(loaded));
}

/** The plain-text copy pack, for a CSP's portal (docs/law.md §8). */
export function copyPackOf(loaded: LoadedRequest): string {
  return buildCopyPack(hi1InputOf(loaded));
}
