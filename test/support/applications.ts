import type { ApplicationFormDto } from '../generated/api';
import type { TestApp } from './test-app';

/**
 * A complete form that passes every guard for an entity-data `ipc60A` crime application, typed by the
 * client generated from the served OpenAPI document (so a renamed field fails to compile).
 */
export const COMPLETE_FORM: ApplicationFormDto = {
  applicantDetails: { name: 'DC Alex Applicant', officeRankPosition: 'Detective Constable', team: 'CID' },
  operationName: 'Op Kestrel',
  investigationRef: 'TVP-2026-0042',
  route: 'ipc60A',
  priorityGrade: 'grade3',
  statutoryPurpose: 'applicableCrime',
  offences: [{ description: 'Robbery', statute: 'Theft Act 1968 s.8', maxSentenceAdultMonths: 999 }],
  seriousCrimeBasis: 'twelveMonthsPlus',
  investigationSummary: 'A street robbery on 1 March 2026; the victim’s phone was taken.',
  subjects: [{ role: 'victim', name: 'V1' }],
  sensitiveProfession: null,
  journalisticSourceSought: false,
  imminentThreatToLife: false,
  identifiers: [{ ref: 'id1', type: 'msisdn', value: '07911 123456', source: 'victim statement' }],
  dataItems: [
    {
      ref: 'd1',
      identifierRef: 'id1',
      category: 'entity',
      subtype: 'subscriber',
      periodKind: 'historic',
      periodStart: '2026-03-01T00:00:00+00:00',
      periodEnd: '2026-03-02T00:00:00+00:00',
      csp: 'Vodafone',
      icrCondition: null,
    },
  ],
  necessity: 'The stolen phone links the suspect to the robbery.',
  proportionality: 'Subscriber data only, one day.',
  collateralIntrusion: 'None expected beyond the account holder.',
  unintendedConsequences: 'None identified.',
  howDataWillBeUsed: 'To identify the user of the stolen phone.',
};

/** A fresh copy of {@link COMPLETE_FORM} (callers may change it) with `overrides`, which may break it on purpose. */
export function completeForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(COMPLETE_FORM), ...overrides };
}

/**
 * The purpose of a police force's `dso61` application: Schedule 4 opens a police force's s.61 route to
 * national security and the related economic well-being only (docs/law.md §9), and no offence is needed.
 */
export const NATIONAL_SECURITY = { statutoryPurpose: 'nationalSecurity', offences: null, seriousCrimeBasis: null };

/** An application that seeks to identify or confirm a journalist's source (IPA s.77; docs/law.md §3.3). */
export const JOURNALISTIC_SOURCE = { journalisticSourceSought: true, imminentThreatToLife: false };

export const SPOC_SECTION = { spocAdvice: 'Lawful and practical; Vodafone holds the data.', acquisitionMethod: 'cspSecureSystem' };
/**
 * A grant as the law requires it (IPA s.64(1); docs/law.md §3.7): the granting office, the conduct and data,
 * the reasons, and a DSO's declaration of independence (IPA s.63), which OCDA's grants ignore.
 */
export const GRANT_DECISION = {
  rationale: 'Necessary and proportionate for the robbery investigation.',
  officeRank: 'Authorising officer',
  conductAuthorised: 'Obtain subscriber data',
  independenceDeclaration: true,
};

/**
 * A DSO's own finding that no SPOC need be consulted (IPA s.76(1)–(3); docs/law.md §3.7 findings): what a DSO
 * grant on the urgent route without a SPOC carries as `decision.findings`.
 */
export const DSO_SPOC_EXCEPTION = { spocNotConsulted: { reasons: 'A child is missing tonight; no SPOC could be reached in time.' } };

export interface AppRecord {
  id: string;
  urn: string;
  status: string;
  version: number;
  allowedEvents: string[];
  [key: string]: unknown;
}

export async function createApplication(t: TestApp, user = 'applicant', form = completeForm()): Promise<AppRecord> {
  const res = await t.http().post('/applications').set('authorization', `Bearer ${await t.token(user)}`).send(form);
  if (res.status !== 201) throw new Error(`create failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as AppRecord;
}

/** Sends an event as `user` against the record's current version; returns the raw response. */
export async function sendEvent(t: TestApp, user: string, app: { id: string; version: number }, body: Record<string, unknown>) {
  return t
    .http()
    .post(`/applications/${app.id}/events`)
    .set('authorization', `Bearer ${await t.token(user)}`)
    .set('If-Match', String(app.version))
    .send(body);
}

/** PATCH /applications/:id as `user` against the record's version; must succeed; returns the record. */
export async function patchApplication(t: TestApp, user: string, app: { id: string; version: number }, body: Record<string, unknown>): Promise<AppRecord> {
  const res = await t
    .http()
    .patch(`/applications/${app.id}`)
    .set('authorization', `Bearer ${await t.token(user)}`)
    .set('If-Match', String(app.version))
    .send(body);
  if (res.status !== 200) throw new Error(`PATCH as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AppRecord;
}

/** Sends an event that must succeed; returns the new record. */
export async function step(t: TestApp, user: string, app: { id: string; version: number }, body: Record<string, unknown>): Promise<AppRecord> {
  const res = await sendEvent(t, user, app, body);
  if (res.status !== 200) throw new Error(`${String(body.type)} by ${user} failed ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as AppRecord;
}
