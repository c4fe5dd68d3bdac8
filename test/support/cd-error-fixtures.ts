import type { ActorFacts } from '../../src/workflow/application.guards';
import type { CdErrorReport } from '../../src/workflow/cd-error.types';
import type { EventSender } from '../../src/workflow/roles';

/** Shared fixtures of the pure CD-error specs (fixed dates; no clock). */
export const NOW = new Date('2026-12-21T10:00:00.000Z');
export const POLICE = 'auth-police-1';

export function person(id: string, roles: readonly EventSender[], over: Partial<ActorFacts> = {}): ActorFacts {
  return { id, roles, authorityId: POLICE, authorityType: 'police', rank: null, spocPin: null, ...over };
}

export const spoc = person('u-spoc', ['spoc'], { spocPin: 'SPOC-0001' });
export const sro = person('u-sro', ['sro'], { rank: 'superintendent' });
export const applicant = person('u-applicant', ['applicant']);
export const otherForceSro = person('u-sro-2', ['sro'], { authorityId: 'auth-police-2' });

/** The fields that make a record (RECORD_REPORT_FIELDS), plus the URN. */
export const RECORD_REPORT: Partial<CdErrorReport> = {
  urn: 'POL-2026-000042',
  errorDescription: 'Subscriber check made on the wrong number.',
  howItOccurred: 'Two digits transposed when the identifier was keyed.',
  discoveredAt: '2026-12-17T09:00:00+00:00',
  establishedAt: '2026-12-18T12:00:00+00:00',
  causeCode: 'incorrectIdentifier',
  responsibleParty: 'spoc',
  isIpRelated: false,
};

/** Everything REPORT_TO_IPC needs. */
export const FULL_REPORT: Partial<CdErrorReport> = {
  ...RECORD_REPORT,
  collateralIntrusion: 'Subscriber details of one unconnected person.',
  preventiveSteps: 'Second-person check of keyed identifiers.',
  dataWronglyObtained: 'Subscriber details of one person.',
  dataDisposal: 'destroyed',
  dataDestructionConfirmed: true,
  dataDestroyedAt: '2026-12-18T15:00:00+00:00',
  cspInformed: true,
  actionTakenOnData: 'None: the data was not used.',
  authoriserReview: 'Use no longer necessary; data destroyed.',
};

/** Due date of an error established on Fri 18 Dec 2026: 10 working days (hand-checked in the guards spec). */
export const DUE_18_DEC = new Date('2027-01-07T23:59:59.999Z');
