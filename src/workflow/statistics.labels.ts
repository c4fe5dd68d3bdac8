/**
 * The statistics vocabulary in words (docs/statistics.md §2), for the return a manager reads. Each table
 * is a `Record` over its vocabulary in statistics.types.ts, so a new code fails to compile until it has
 * words here. Pure data.
 */
import type { SpocReasonCode } from './application.types';
import { NOT_CATEGORISED, type CommunicationsType } from './statistics.types';

export const SPOC_REASON_LABELS: Readonly<Record<SpocReasonCode | typeof NOT_CATEGORISED, string>> = Object.freeze({
  necessityNotShown: 'Necessity not made out',
  proportionalityNotShown: 'Proportionality not made out',
  collateralIntrusionNotAddressed: 'Collateral intrusion not addressed',
  purposeOrThresholdNotMet: 'Statutory purpose or serious-crime threshold not met',
  identifierOrDataUnclear: 'Identifier, data or period wrong or unclear',
  notReasonablyPractical: 'Not reasonably practical to obtain',
  duplicateOfExistingRequest: 'Duplicates data already sought',
  other: 'Another reason',
  [NOT_CATEGORISED]: 'Reason not categorised',
});

export const COMMUNICATIONS_TYPE_LABELS: Readonly<Record<CommunicationsType, string>> = Object.freeze({
  telephony: 'Telephony',
  internet: 'Internet',
  postal: 'Postal',
  other: 'Other communications',
});
