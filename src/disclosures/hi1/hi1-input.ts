/**
 * What the HI-1 export and the copy pack are built from: one disclosure request to one CSP, as plain
 * data (docs/law.md §3.3, §3.4, §3.8, §8). No Nest, no database: the caller assembles it from the
 * application, its grant and the CSP's record, and passes it to `buildHi1Message`
 * (hi1-message.ts) or `buildCopyPack` (copy-pack.ts). Both are pure: the same input always gives the
 * same output.
 */
import type { DataCategory, IdentifierType, PeriodKind, Route } from '../../workflow/application.types';

/** The public authority that sends the request: the HI-1 sender (TS 103 120 EndpointID). */
export interface Hi1Authority {
  /** The authority's endpoint identifier, agreed with the CSPs (HI-1 `UniqueIdentifier`, `OwnerIdentifier`). */
  id: string;
  /** The authority's name in words, for the copy pack. */
  name: string;
  /** ISO 3166-1 alpha-2 country code of the sender: always `GB` for this service. */
  countryCode: 'GB';
}

/** The authorisation the request rests on (docs/law.md §3.7, §2.3). */
export interface Hi1Authorisation {
  /**
   * The URN the CSP is given and quotes back (docs/law.md §3.8): the HI-1 `AuthorisationReference`
   * and the copy pack's "Authorisation URN".
   */
  urn: string;
  /**
   * The application's own URN (`PREFIX/CD/2026/000123`, docs/law.md §2.4 create). Sent as the
   * authorisation object's `ExternalIdentifier`, and shown in the copy pack when it differs from `urn`.
   */
  reference: string;
  /** The route, which decides the legal type and urgency (docs/law.md §2.1). */
  route: Route;
  /** The grant instant (docs/law.md §2.3 "When the grant happened"). */
  grantedAt: Date;
  /** First and last instants of validity (docs/law.md §3.7 `validFrom`, `expiresAt`). */
  validFrom: Date;
  expiresAt: Date;
  /** The decider's name and office, rank or position (IPA s.64(1)(a); docs/law.md §3.7), when known. */
  authoriserName: string | null;
  authoriserOfficeRank: string | null;
}

/** The CSP the request goes to: the HI-1 receiver. */
export interface Hi1Csp {
  /** The service's id for the CSP (not sent: `etsiEndpointId` is what the CSP knows). */
  id: string;
  /** The CSP's name in words, for the copy pack. */
  name: string;
  /**
   * ISO 3166-1 alpha-2 country code of the CSP's HI-1 endpoint (`ReceiverIdentifier.CountryCode`): TS 103 120
   * names every endpoint by country and identifier. Absent means `GB`, the country of the national
   * directory's CSPs; set it for a CSP whose endpoint is registered elsewhere.
   */
  countryCode?: string;
  /**
   * The CSP's HI-1 endpoint identifier (`ReceiverIdentifier.UniqueIdentifier`); null for a portal-only CSP,
   * which has no ETSI interface: the copy pack needs none, and `buildHi1Message` refuses it.
   */
  etsiEndpointId: string | null;
  /**
   * The IANA zone the CSP's files use (the directory's `fileTimeZone`), e.g. `Europe/London`, `UTC`,
   * `America/Los_Angeles`: named in the copy pack, with the times in it, when it is not UK time. Null when the
   * CSP has declared none: the copy pack then asks for every time with its offset.
   */
  timeZone: string | null;
}

/** One item of data sought from this CSP (docs/law.md §3.4), with its identifier (§3.3). */
export interface Hi1Item {
  /** The data item's reference within the application. */
  ref: string;
  identifier: {
    ref: string;
    type: IdentifierType;
    /** The canonical form (docs/law.md §3.3). Sent and printed byte for byte, never reformatted. */
    normalisedValue: string;
  };
  category: DataCategory;
  /** One of `ENTITY_SUBTYPES` or `EVENTS_SUBTYPES`, matching `category`. */
  subtype: string;
  periodKind: PeriodKind;
  /**
   * ISO 8601 instants with an explicit offset, exactly as authorised (docs/law.md §3.4), start not
   * after end. Equal start and end is a point in time (an IP address resolution at one instant).
   */
  periodStart: string;
  periodEnd: string;
  /** The IANA zone the applicant reasoned in, when recorded. */
  timeZone: string | null;
}

/** A disclosure request to one CSP: everything the HI-1 message and the copy pack need. */
export interface Hi1Input {
  /** The disclosure request's id in this service: the seed of every UUID in the message. */
  requestId: string;
  /** When the request was made: the message's header timestamp. */
  createdAt: Date;
  authority: Hi1Authority;
  authorisation: Hi1Authorisation;
  csp: Hi1Csp;
  /** At least one item; item refs are unique. */
  items: Hi1Item[];
}
