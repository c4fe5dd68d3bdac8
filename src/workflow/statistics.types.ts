/**
 * The vocabulary the statistics return counts by that the application itself does not already name
 * (docs/statistics.md §2): which kind of communications an item of data concerns, and the key of a return or
 * decline sent without a category of reason (the categories are the application's, application.types.ts).
 * Pure data and one pure function (docs/architecture.md §3).
 */
import type { IdentifierType } from './application.types';

/** The key a return or decline without a category is counted under. */
export const NOT_CATEGORISED = 'notCategorised';

/** The kinds of communications the return counts items of data by (IPCO annual report, items by communications type). */
export const COMMUNICATIONS_TYPES = ['telephony', 'internet', 'postal', 'other'] as const;
export type CommunicationsType = (typeof COMMUNICATIONS_TYPES)[number];

const TELEPHONY: readonly IdentifierType[] = ['msisdn', 'imei', 'imsi'];
const INTERNET: readonly IdentifierType[] = ['ipv4', 'ipv6', 'ipPort', 'email', 'accountId', 'username'];

/**
 * Which kind of communications an item of data concerns: postal when the item or its identifier is
 * postal, otherwise by the identifier it is sought on (a telephone number, handset or SIM: telephony; an
 * address, account or user name: internet).
 */
export function communicationsTypeOf(subtype: string, identifierType: string | undefined): CommunicationsType {
  if (subtype === 'postalTracking' || identifierType === 'postalItem') return 'postal';
  if (TELEPHONY.some((type) => type === identifierType)) return 'telephony';
  if (INTERNET.some((type) => type === identifierType)) return 'internet';
  return 'other';
}
