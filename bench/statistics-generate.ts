/**
 * What the statistics bench's data set is (bench/README.md, "The statistics data set"), generated without I/O:
 * the paths applications take and their weights, the forms, each application's history through the
 * production engine and hash chain, each CD error's through the register's, and the rows the seeder writes
 * (bench/statistics-seed.ts), a batch at a time, in this thread or a worker (statistics-seed-worker.ts).
 *
 * For each application a path is picked with a seeded PRNG, and each step is put to the pure engine exactly
 * as `ApplicationEventsService.transitionIn` puts it (the row's facts as `applicationFacts` builds them, the
 * sender's facts, the default policy, `now`): its next state, its changes to the row and the guard inputs it
 * records come from `applicationEngine.apply`, and a refusal stops the seeder. Each history row is chained by
 * the service's own `ApplicationHistory.append` (and `CdErrorHistory.append` for the register), handed a
 * recorder in place of a transaction, so payloads, digests, hashes and the indexed reason category are the
 * service's to the byte. The statistics rows are `statisticsOf` of the record as it ends. Errors follow the
 * register's service: created `recorded`, then ASSESS or DISMISS through `cdErrorEngine`. Every application
 * and error has a PRNG of its own, seeded from its index: the same seed gives the same ids, times, payloads
 * and hashes on both databases, however the work is batched or shared between threads.
 */
import { applicationFacts } from '../src/applications/application-facts';
import { ApplicationHistory } from '../src/applications/application-history';
import { statisticsOf } from '../src/applications/application-statistics';
import type { ApplicationEntity } from '../src/applications/application.entity';
import { normaliseIdentifier } from '../src/applications/identifiers';
import { GENESIS_HASH, nextHistoryEntry, type HistoryEntry } from '../src/database/hash-chain';
import type { CdErrorEntity } from '../src/errors/cd-error.entity';
import { cdErrorFacts, indexedColumns } from '../src/errors/cd-error-facts';
import { CdErrorHistory } from '../src/errors/cd-error-history';
import { applicationEngine, type ApplicationChanges } from '../src/workflow/application.engine';
import { DEFAULT_WORKFLOW_POLICY, type ActorFacts, type DisclosureFacts } from '../src/workflow/application.guards';
import { APPLICATION_MACHINE_VERSION } from '../src/workflow/application.machine';
import {
  SPOC_REASON_CODES,
  type ApplicationEvent,
  type ApplicationForm,
  type DataItem,
  type Identifier,
  type IdentifierType,
  type Route,
  type SensitiveProfession,
  type StatutoryPurpose,
  type SubjectRole,
} from '../src/workflow/application.types';
import { cdErrorEngine } from '../src/workflow/cd-error.engine';
import { recordReportComplete } from '../src/workflow/cd-error.guards';
import { CD_ERROR_MACHINE_VERSION } from '../src/workflow/cd-error.machine';
import { CAUSE_CODES, RESPONSIBLE_PARTIES, type CdErrorEvent, type CdErrorKind, type CdErrorReport } from '../src/workflow/cd-error.types';
import { londonDate } from '../src/workflow/london-time';
import { RIPA_PURPOSES, RIPA_RECORD_KINDS, type RipaRecordParticulars } from '../src/workflow/ripa-record.types';

/**
 * Bump whenever what the seeder writes changes: with the number of migrations and the machine versions it
 * names the cache (bench/statistics-cache.ts), so a changed seeder or schema is seeded afresh.
 */
export const STATISTICS_SEED_VERSION = 2;

/** Applications are begun over these twelve months; their later steps run up to a month on, so the data spans about 13 months. */
const SEED_START = Date.parse('2025-10-01T00:00:00.000Z');
const SEED_SPAN_MS = Date.parse('2026-10-01T00:00:00.000Z') - SEED_START;
/** The return the bench asks for: 13 months from the first day, covering the whole data set (the longest period allowed). */
export const SEED_PERIOD = { from: '2025-10-01', to: '2026-10-31' } as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// A seeded PRNG (mulberry32): the same seed gives the same data set on both databases.
// ---------------------------------------------------------------------------------------------

export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.next() * values.length)];
  }

  /** A value of `weighted`, each with the probability of its weight. */
  weighted<T>(weighted: readonly (readonly [T, number])[]): T {
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of weighted) {
      if (r < w) return value;
      r -= w;
    }
    return weighted[weighted.length - 1][0];
  }

  /** A random (version 4) UUID drawn from this generator. */
  uuid(): string {
    const word = () => Math.floor(this.next() * 4294967296).toString(16).padStart(8, '0');
    const s = word() + word() + word() + word();
    const variant = ((parseInt(s[16], 16) & 0x3) | 0x8).toString(16);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${variant}${s.slice(17, 20)}-${s.slice(20)}`;
  }
}

// ---------------------------------------------------------------------------------------------
// The paths an application takes, with their weights (per thousand)
// ---------------------------------------------------------------------------------------------

export type PathName =
  | 'draft'
  | 'withdrawn'
  | 'ocdaGranted'
  | 'returnedThenGranted'
  | 'returnedThenWithdrawn'
  | 'declined'
  | 'moreInformationThenGranted'
  | 'refused'
  | 'dsoGranted'
  | 'urgentWithoutSpoc'
  | 'urgentWithSpoc'
  | 'journalisticApprovedByJc'
  | 'journalisticRefusedByJc'
  | 'journalisticThreatToLife'
  | 'grantedThenCancelled'
  | 'cancellationRequestedThenCancelled'
  | 'ripaImported';

/**
 * Each path and its weight per thousand applications (bench/README.md lists them with their steps). Most
 * applications go to OCDA and are granted, as in the Commissioner's reports.
 */
export const PATH_WEIGHTS: readonly (readonly [PathName, number])[] = [
  ['draft', 40],
  ['withdrawn', 20],
  ['ocdaGranted', 480],
  ['returnedThenGranted', 110],
  ['returnedThenWithdrawn', 20],
  ['declined', 50],
  ['moreInformationThenGranted', 40],
  ['refused', 50],
  ['dsoGranted', 40],
  ['urgentWithoutSpoc', 30],
  ['urgentWithSpoc', 20],
  ['journalisticApprovedByJc', 15],
  ['journalisticRefusedByJc', 5],
  ['journalisticThreatToLife', 5],
  ['grantedThenCancelled', 40],
  ['cancellationRequestedThenCancelled', 20],
  ['ripaImported', 15],
];

/** The share of applications (and of errors) in the second authority, which the SRO's return must never count. */
export const OTHER_AUTHORITY_SHARE = 0.1;


// ---------------------------------------------------------------------------------------------
// The tables the seeder writes, in the order it writes them
// ---------------------------------------------------------------------------------------------

export const SEED_TABLES = [
  'application',
  'application_event',
  'application_team_member',
  'application_statistics',
  'application_statistics_item',
  'application_statistics_subject',
  'cd_error',
  'cd_error_event',
] as const;
export type SeedTable = (typeof SEED_TABLES)[number];
/** A row as the seeder writes it: column name to value. */
export type Row = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// The cast: the demo users, as the guards see them
// ---------------------------------------------------------------------------------------------

export interface AuthorityInfo {
  id: string;
  type: ActorFacts['authorityType'];
  urnPrefix: string;
}

export interface Cast {
  authority: AuthorityInfo;
  applicant: ActorFacts;
  spoc: ActorFacts;
  dso: ActorFacts;
  sro: ActorFacts;
  /** Imports RIPA records (the second authority has no administrator, so no imports). */
  admin: ActorFacts | null;
}

export interface World {
  home: Cast;
  other: Cast;
  ocda: ActorFacts;
  jc: ActorFacts;
  scheduler: ActorFacts;
}

/** The scheduler as `SCHEDULER` in src/auth/actor.ts has it (EXPIRE is its event). */
export const SCHEDULER_FACTS: ActorFacts = {
  id: '00000000-0000-0000-0000-000000000000',
  roles: ['system'],
  authorityId: '00000000-0000-0000-0000-000000000000',
  authorityType: 'other',
  rank: null,
  spocPin: null,
  displayName: 'Deadline scheduler',
};

// ---------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------

/** An instant as a person writes it in the form: with the offset. */
const withOffset = (ms: number): string => new Date(ms).toISOString().replace('.000Z', '+00:00');

function luhnCompleted(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits + String((10 - (sum % 10)) % 10);
}

const digits = (rng: Prng, n: number): string => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

/** UK mobile ranges libphonenumber holds valid (a number it calls invalid is refused by the service). */
const MOBILE_PREFIXES = ['07911 1', '07700 1', '07800 1', '07400 1', '07500 1', '07720 1', '07970 1'];

function identifierValue(rng: Prng, type: IdentifierType): string {
  switch (type) {
    case 'msisdn':
      return `${rng.pick(MOBILE_PREFIXES)}${digits(rng, 5)}`;
    case 'imei':
      return luhnCompleted(`35${digits(rng, 12)}`);
    case 'ipv4':
      return `203.0.113.${rng.int(1, 254)}`;
    case 'email':
      return `user${digits(rng, 5)}@example.com`;
    default:
      return `RN${digits(rng, 9)}GB`;
  }
}

/** The kinds of data sought, each with the identifier it is sought on, and how often (per hundred items). */
const ITEM_KINDS: readonly (readonly [readonly [DataItem['category'], string, IdentifierType], number])[] = [
  [['entity', 'subscriber', 'msisdn'], 34],
  [['entity', 'deviceDetails', 'imei'], 8],
  [['entity', 'ipAddressResolution', 'ipv4'], 8],
  [['events', 'callDataRecords', 'msisdn'], 22],
  [['events', 'cellSite', 'msisdn'], 12],
  [['events', 'ipSessionLogs', 'ipv4'], 4],
  [['events', 'emailConnectionLogs', 'email'], 4],
  [['events', 'dataVolumes', 'msisdn'], 4],
  [['events', 'postalTracking', 'postalItem'], 4],
];

const SUBJECT_ROLE_WEIGHTS: readonly (readonly [SubjectRole, number])[] = [
  ['suspect', 45], ['victim', 25], ['complainant', 5], ['witness', 8], ['nextOfKin', 4], ['vulnerablePerson', 10], ['other', 3],
];
const SENSITIVE: readonly SensitiveProfession[] = ['lawyer', 'journalist', 'memberOfParliament', 'ministerOfReligion', 'medicalDoctor', 'other'];

interface FormChoice {
  route: Route;
  purpose: StatutoryPurpose;
  journalistic: boolean;
  urgent: boolean;
  withoutSpoc: boolean;
  /** Entity data only (a DSO of inspector rank would do; kept for urgent routes). */
  entityOnly: boolean;
}

/** A complete form, as the service stores it (identifiers with their normalised value), for `choice`; data periods end before `begun`. */
function formFor(rng: Prng, choice: FormChoice, begun: number, applicantName: string): ApplicationForm {
  const identifiers: Identifier[] = [];
  const dataItems: DataItem[] = [];
  const items = rng.weighted([[1, 60], [2, 28], [3, 12]] as const);
  for (let i = 1; i <= items; i++) {
    let [category, subtype, type] = rng.weighted(ITEM_KINDS);
    if (choice.entityOnly && category === 'events') [category, subtype, type] = ['entity', 'subscriber', 'msisdn'];
    const value = identifierValue(rng, type);
    const normalised = normaliseIdentifier(type, value);
    if (!normalised.ok) throw new Error(`the seeder made an identifier the service refuses: ${type} ${value} (${normalised.reason})`);
    identifiers.push({ ref: `id${i}`, type, value, source: rng.pick(['victim statement', 'intelligence report', 'witness statement', 'call records']), normalisedValue: normalised.normalised });
    const end = begun - rng.int(2, 60) * DAY - rng.int(0, 23) * HOUR;
    const start = end - rng.int(1, 14) * DAY;
    dataItems.push({
      ref: `d${i}`,
      identifierRef: `id${i}`,
      category,
      subtype,
      periodKind: 'historic',
      periodStart: withOffset(start - (start % HOUR)),
      periodEnd: withOffset(end - (end % HOUR)),
      ...(type === 'ipv4' ? { timeZone: 'Europe/London' } : {}),
      csp: rng.pick(['Vodafone', 'EE', 'O2', 'Three', 'Royal Mail', 'BT']),
      icrCondition: null,
    });
  }
  const roles = new Set<SubjectRole>([rng.weighted(SUBJECT_ROLE_WEIGHTS)]);
  if (rng.chance(0.3)) roles.add(rng.weighted(SUBJECT_ROLE_WEIGHTS));
  const sensitive = choice.journalistic ? 'journalist' : rng.chance(0.03) ? rng.pick(SENSITIVE) : null;
  const crime = choice.purpose === 'applicableCrime';
  const form: ApplicationForm = {
    applicantDetails: { name: applicantName, officeRankPosition: 'Detective Constable', team: 'CID' },
    operationName: `Op ${rng.pick(['Kestrel', 'Heron', 'Osprey', 'Merlin', 'Falcon', 'Harrier'])}`,
    investigationRef: `INV-${digits(rng, 6)}`,
    route: choice.route,
    priorityGrade: choice.urgent ? rng.pick(['grade1', 'grade2'] as const) : rng.pick(['grade3', 'routine'] as const),
    statutoryPurpose: choice.purpose,
    offences: crime ? [{ description: rng.pick(['Robbery', 'Burglary', 'Fraud', 'Supply of drugs', 'Kidnap']), maxSentenceAdultMonths: 999 }] : null,
    seriousCrimeBasis: crime ? 'twelveMonthsPlus' : null,
    investigationSummary: 'A summary of the investigation.',
    subjects: [...roles].map((role, i) => ({ role, name: `S${i + 1}` })),
    sensitiveProfession: sensitive,
    ...(sensitive ? { sensitiveProfessionConsiderations: 'The profession was weighed; the data sought does not touch privileged material.' } : {}),
    journalisticSourceSought: choice.journalistic,
    imminentThreatToLife: false,
    identifiers,
    dataItems,
    necessity: 'Necessary to identify the offender.',
    proportionality: 'The least data that answers the question.',
    collateralIntrusion: 'None expected beyond the account holder.',
    unintendedConsequences: 'None identified.',
    howDataWillBeUsed: 'To identify and locate the subject.',
    ...(choice.urgent ? { urgencyJustification: 'A risk to life that cannot wait for the routine route.' } : {}),
    ...(choice.withoutSpoc ? { exceptionalCircumstances: 'No SPOC could be reached in time.' } : {}),
  };
  return form;
}

// ---------------------------------------------------------------------------------------------
// One application, through the production engine
// ---------------------------------------------------------------------------------------------

/** The history rows the service would write, as `HashChain.append` would store them (its `rowFor`), in place of INSERTs. */
class Recorder {
  rows: Row[] = [];

  /** Keeps the row `chain` would append for `entry` after `prevHash`; gives its hash, the new head, as `append` does. */
  append<K extends string>(chain: { rowFor(entry: HistoryEntry<K>, prevHash: string): { row: Record<string, unknown>; hash: string } }, entry: HistoryEntry<K>, prevHash: string): Promise<string> {
    const { row, hash } = chain.rowFor(entry, prevHash);
    this.rows.push(row);
    return Promise.resolve(hash);
  }
}

const applicationHistory = new ApplicationHistory();
const errorHistory = new CdErrorHistory();

/** What the real app's readers give a record without disclosure requests or products (applications.service.ts `guardFacts`). */
const NO_DISCLOSURES: DisclosureFacts = { disclosuresTerminalAndChecked: false, dataReceivedBeforeEnd: false, finalProductIssued: false };

interface Generated {
  row: ApplicationEntity;
  events: Row[];
  team: string[];
}

class ApplicationRun {
  readonly recorder = new Recorder();
  row!: ApplicationEntity;
  now: number;
  team: string[] = [];

  constructor(
    private readonly cast: Cast,
    begun: number,
  ) {
    this.now = begun;
  }

  /** History row 1 and the row, as `insertNewRecord` writes them. */
  async create(id: string, urn: string, actor: ActorFacts, first: { kind: 'created' | 'imported'; status: ApplicationEntity['status']; route: ApplicationEntity['route']; form: ApplicationForm; ripa: RipaRecordParticulars | null; payload: unknown }): Promise<void> {
    const at = new Date(this.now);
    const head = await this.recorder.append(
      applicationHistory,
      {
        aggregateId: id,
        position: 1,
        kind: first.kind,
        fromState: null,
        toState: first.status,
        eventType: null,
        actorId: actor.id,
        deciderId: null,
        actorRoles: [...actor.roles],
        at,
        machineVersion: APPLICATION_MACHINE_VERSION,
        guardInputs: null,
        payload: first.payload,
        // The bench's rows commit to no row digest (issue 21, item 1), as rows written before digests existed.
        rowDigest: null,
      },
      GENESIS_HASH,
    );
    this.row = {
      id,
      urn,
      authorityId: actor.authorityId,
      applicantId: actor.id,
      spocId: null,
      grantedById: null,
      route: first.route,
      status: first.status,
      machineVersion: APPLICATION_MACHINE_VERSION,
      version: 1,
      form: first.form,
      spocSection: null,
      decision: null,
      oralGrant: false,
      writtenRecordDueAt: null,
      validFrom: null,
      expiresAt: null,
      renewalOf: null,
      submittedForAuthorisationAt: null,
      lastSubmittedForAuthorisationAt: null,
      submittedToOcdaAt: null,
      judicialApprovalRequestedAt: null,
      ripaReference: first.ripa?.originalReference ?? null,
      ripa: first.ripa,
      historyHead: head,
      createdAt: at,
      updatedAt: at,
    };
  }

  /** `gapMs` later, `actor` sends `event`: the engine decides, as in `ApplicationEventsService.transitionIn`. */
  async send(gapMs: number, actor: ActorFacts, event: ApplicationEvent, decider: ActorFacts | null = null): Promise<void> {
    this.now += Math.round(gapMs);
    const now = new Date(this.now);
    const row = this.row;
    const facts = applicationFacts(row, this.cast.authority.type, this.team, null, NO_DISCLOSURES);
    const input = { application: facts, actor, decider, event, policy: DEFAULT_WORKFLOW_POLICY, now };
    const result = applicationEngine.apply(row.status, event, input, { writtenRecordWorkingDays: 1 });
    if (!result.ok) {
      throw new Error(`the engine refused ${event.type} in ${row.status} for ${row.id}: ${JSON.stringify(result).slice(0, 600)}`);
    }
    const head = await this.recorder.append(
      applicationHistory,
      {
        aggregateId: row.id,
        position: row.version + 1,
        kind: 'transition',
        fromState: row.status,
        toState: result.nextState,
        eventType: event.type,
        actorId: actor.id,
        deciderId: result.guardInputsUsed.resolvedDecider?.id ?? null,
        actorRoles: [...actor.roles],
        at: now,
        machineVersion: row.machineVersion,
        guardInputs: result.guardInputsUsed,
        payload: event,
        rowDigest: null,
      },
      row.historyHead,
    );
    const changes: ApplicationChanges = result.changes;
    this.row = { ...row, ...changes, status: result.nextState, version: row.version + 1, historyHead: head, updatedAt: now };
  }

  done(): Generated {
    return { row: this.row, events: this.recorder.rows, team: this.team };
  }
}

const reason = (rng: Prng): string => rng.pick(['The necessity is not made out.', 'Proportionality needs more.', 'The identifier is unclear.', 'Covered by another request.']);

/** The SPOC's section: advice always; advice on a sensitive profession when the form names one. */
function spocSection(form: ApplicationForm) {
  return {
    spocAdvice: 'Lawful and practical; the CSP holds the data.',
    acquisitionMethod: 'cspSecureSystem' as const,
    ...(form.sensitiveProfession ? { sensitiveProfessionAdvice: 'Advised on the profession: no privileged material is sought.' } : {}),
  };
}

/** A decision as the law requires it; a DSO declares independence, and weighs a sensitive profession when the form names one. */
function decision(form: ApplicationForm, extra: Record<string, unknown> = {}) {
  return {
    rationale: 'Necessary and proportionate for the investigation.',
    officeRank: 'Authorising officer',
    conductAuthorised: 'Obtain the data items listed',
    independenceDeclaration: true,
    ...(form.sensitiveProfession ? { sensitiveProfessionConsideration: 'The profession was weighed.' } : {}),
    ...extra,
  };
}

/** A gap between two steps of a person's work: minutes to about two days. */
const gap = (rng: Prng): number => 10 * MINUTE + rng.next() * 2 * DAY;

/**
 * One application along `path`, begun at `begun`. Its URN is left empty: URNs count per authority and year
 * in the order applications are written, so the writer fills them in (`seedStatistics`).
 */
async function generateApplication(rng: Prng, world: World, cast: Cast, path: PathName, id: string, begun: number): Promise<Generated> {
  const run = new ApplicationRun(cast, begun);
  const { applicant, spoc, dso, sro } = cast;
  const urn = '';

  // The data set ends before today: the deadline poller has expired every authorisation still in force, as the
  // scheduler does in the service (EXPIRE within a poll of the expiry), so the service finds nothing due.
  const finish = async (): Promise<Generated> => {
    if (run.row.status === 'authorised') {
      const expiresAt = run.row.expiresAt;
      if (!expiresAt) throw new Error(`a grant left ${id} without an expiry`);
      await run.send(Math.max(0, expiresAt.getTime() - run.now) + rng.int(1, 60) * 1000, world.scheduler, { type: 'EXPIRE' });
    }
    return run.done();
  };

  if (path === 'ripaImported') {
    const admin = cast.admin;
    if (!admin) throw new Error('RIPA records are imported in the home authority only');
    const granted = begun - rng.int(30, 900) * DAY;
    const ripa: RipaRecordParticulars = {
      originalReference: `RIPA-${id.slice(0, 8)}`,
      kind: rng.pick(RIPA_RECORD_KINDS),
      appliedAt: withOffset(granted - 2 * DAY),
      grantedAt: withOffset(granted),
      expiresAt: withOffset(granted + 30 * DAY),
      cancelledAt: null,
      applicantName: 'DC Former Applicant',
      applicantRank: 'Detective Constable',
      designatedPersonName: 'Supt Former Dp',
      designatedPersonRank: 'Superintendent',
      necessity: 'Necessary for the investigation.',
      proportionality: 'Proportionate.',
      purpose: rng.weighted(RIPA_PURPOSES.map((p, i) => [p, i === 1 ? 6 : 1] as const)),
      dataSought: 'Subscriber details',
      csp: 'Vodafone',
    };
    await run.create(id, urn, admin, {
      kind: 'imported',
      status: 'ripaRecord',
      route: 'ripa22',
      form: {},
      ripa,
      payload: { ripa, source: { batchId: `batch-${londonDate(new Date(begun))}`, format: 'json', index: rng.int(0, 499) } },
    });
    return run.done();
  }

  const dsoRoute = path === 'dsoGranted' || path === 'cancellationRequestedThenCancelled';
  const urgent = path === 'urgentWithoutSpoc' || path === 'urgentWithSpoc';
  const journalistic = path.startsWith('journalistic');
  const choice: FormChoice = {
    route: urgent ? 'dso61A' : dsoRoute ? 'dso61' : 'ipc60A',
    purpose: dsoRoute
      ? rng.pick(['nationalSecurity', 'economicWellBeingNS'] as const)
      : urgent
        ? rng.pick(['preventDeathOrInjury', 'applicableCrime'] as const)
        : rng.weighted([['applicableCrime', 80], ['preventDeathOrInjury', 8], ['publicSafety', 4], ['identifyDeceasedOrIncapacitated', 4], ['nationalSecurity', 4]] as const),
    journalistic,
    urgent,
    withoutSpoc: path === 'urgentWithoutSpoc',
    entityOnly: false,
  };
  const form = formFor(rng, choice, begun, 'DC Alex Applicant');
  // A DSO on the investigation team may grant only under the s.63 exception, which the decision records.
  const dsoOnTeam = (dsoRoute || urgent) && rng.chance(0.25);
  if (dsoOnTeam) run.team = [dso.id];
  await run.create(id, urn, applicant, { kind: 'created', status: 'draft', route: form.route ?? null, form, ripa: null, payload: { form, teamMemberIds: run.team, renewalOf: null } });
  if (path === 'draft') return run.done();
  if (path === 'withdrawn') {
    await run.send(gap(rng), applicant, { type: 'WITHDRAW', reason: 'No longer needed.' });
    return run.done();
  }

  // Not independent, so no declaration of independence: the exceptional circumstances IPA s.63 allows instead.
  const exception = dsoOnTeam ? { independenceDeclaration: false, exceptionalCircumstancesOverride: 'The only DSO on duty works on the investigation.' } : {};
  if (path === 'urgentWithoutSpoc') {
    await run.send(gap(rng) / 8, applicant, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
    const oral = rng.chance(0.3);
    await run.send(rng.int(5, 120) * MINUTE, dso, {
      type: 'GRANT',
      decision: decision(form, { ...exception, findings: { spocNotConsulted: { reasons: 'No SPOC could be reached in time.' } }, ...(oral ? { oral: true } : {}) }),
    });
    if (oral) await run.send(rng.int(1, 20) * HOUR, dso, { type: 'RECORD_WRITTEN', writtenRecord: 'The written record of the oral grant.' });
    return finish();
  }

  await run.send(gap(rng), applicant, { type: 'SUBMIT_TO_SPOC' });
  if (path === 'declined') {
    await run.send(gap(rng), spoc, { type: 'DECLINE', reason: reason(rng), ...(rng.chance(0.8) ? { reasonCode: rng.pick(SPOC_REASON_CODES) } : {}) });
    return run.done();
  }
  if (path === 'returnedThenGranted' || path === 'returnedThenWithdrawn') {
    await run.send(gap(rng), spoc, { type: 'RETURN_TO_APPLICANT', reason: reason(rng), ...(rng.chance(0.85) ? { reasonCode: rng.pick(SPOC_REASON_CODES) } : {}) });
    if (path === 'returnedThenWithdrawn') {
      await run.send(gap(rng), applicant, { type: 'WITHDRAW', reason: 'Another line of enquiry answered it.' });
      return run.done();
    }
    await run.send(gap(rng), applicant, { type: 'RESUBMIT' });
  }
  await run.send(urgent ? gap(rng) / 8 : gap(rng), spoc, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: spocSection(form) });

  const authoriser = choice.route === 'ipc60A' ? world.ocda : dso;
  const decide = (rng.next() * (urgent ? 2 : 24) + 0.2) * HOUR;
  if (path === 'refused') {
    await run.send(decide, authoriser, { type: 'REFUSE', reason: reason(rng) });
    return run.done();
  }
  if (path === 'moreInformationThenGranted') {
    await run.send(decide, authoriser, { type: 'REQUEST_MORE_INFO', question: 'Which account does the identifier belong to?' });
    await run.send(gap(rng), spoc, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: spocSection(form) });
  }
  const threat = path === 'journalisticThreatToLife' ? { findings: { imminentThreatToLife: { reasons: 'A credible threat to a life tonight.' } } } : {};
  await run.send(decide, authoriser, { type: 'GRANT', decision: decision(form, { ...(authoriser === dso ? exception : {}), ...threat }) });
  if (path === 'journalisticApprovedByJc') await run.send(gap(rng), world.jc, { type: 'JC_APPROVE', judicialApproval: { judgeName: 'Sir Julian Commissioner' } });
  if (path === 'journalisticRefusedByJc') await run.send(gap(rng), world.jc, { type: 'JC_REFUSE', reason: 'Not necessary to identify the source.', judicialApproval: { judgeName: 'Sir Julian Commissioner' } });
  if (path === 'grantedThenCancelled') {
    await run.send(rng.int(1, 20) * DAY, rng.chance(0.5) ? applicant : sro, { type: 'CANCEL', reason: 'The suspect was charged.' });
  }
  if (path === 'cancellationRequestedThenCancelled') {
    await run.send(rng.int(1, 15) * DAY, rng.chance(0.6) ? applicant : sro, { type: 'REQUEST_CANCELLATION', reason: 'No longer necessary.' });
    await run.send(rng.int(1, 48) * HOUR, dso, { type: 'CANCEL', reason: 'No longer necessary, as requested.' });
  }
  return finish();
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

const instantOrNull = (d: Date | null | undefined): string | null => (d == null ? null : d.toISOString());
const jsonOrNull = (v: unknown): string | null => (v == null ? null : JSON.stringify(v));

function applicationRow(r: ApplicationEntity): Row {
  return {
    id: r.id, urn: r.urn, authority_id: r.authorityId, applicant_id: r.applicantId, spoc_id: r.spocId, granted_by_id: r.grantedById,
    route: r.route, status: r.status, machine_version: r.machineVersion, version: r.version, form: JSON.stringify(r.form),
    spoc_section: jsonOrNull(r.spocSection), decision: jsonOrNull(r.decision), oral_grant: r.oralGrant,
    written_record_due_at: instantOrNull(r.writtenRecordDueAt), valid_from: instantOrNull(r.validFrom), expires_at: instantOrNull(r.expiresAt),
    renewal_of: r.renewalOf, submitted_for_authorisation_at: instantOrNull(r.submittedForAuthorisationAt),
    last_submitted_for_authorisation_at: instantOrNull(r.lastSubmittedForAuthorisationAt), submitted_to_ocda_at: instantOrNull(r.submittedToOcdaAt),
    judicial_approval_requested_at: instantOrNull(r.judicialApprovalRequestedAt), ripa_reference: r.ripaReference, ripa: jsonOrNull(r.ripa),
    history_head: r.historyHead, created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString(),
  };
}

/** A history row as captured from `append` (entity properties) in the table's columns; `aggregate` is its id column. */
function historyRow(e: Row, aggregate: 'application_id' | 'error_id', id: string): Row {
  return {
    [aggregate]: id, position: e.position, kind: e.kind, from_state: e.fromState, to_state: e.toState, event_type: e.eventType,
    actor_id: e.actorId, decider_id: e.deciderId, actor_roles: JSON.stringify(e.actorRoles), at: (e.at as Date).toISOString(),
    machine_version: e.machineVersion, guard_inputs: e.guardInputs, payload: e.payload, payload_digest: e.payloadDigest,
    payload_blanked_by: e.payloadBlankedBy, prev_hash: e.prevHash, hash: e.hash,
    ...(aggregate === 'application_id' ? { reason_code: e.reasonCode ?? null } : {}),
  };
}

function statisticsRows(r: ApplicationEntity): { row: Row; items: Row[]; subjects: Row[] } {
  const s = statisticsOf(r);
  return {
    row: {
      application_id: s.row.applicationId, authority_id: s.row.authorityId, urn: s.row.urn, route: s.row.route,
      statutory_purpose: s.row.statutoryPurpose, sensitive_profession: s.row.sensitiveProfession, journalistic_source: s.row.journalisticSource,
      dso_exception: s.row.dsoException, threat_to_life_finding: s.row.threatToLifeFinding, ripa_kind: s.row.ripaKind,
      ripa_purpose: s.row.ripaPurpose, ripa_granted_at: instantOrNull(s.row.ripaGrantedAt),
    },
    items: s.items.map((i) => ({
      application_id: i.applicationId, item_ref: i.itemRef, category: i.category, subtype: i.subtype,
      communications_type: i.communicationsType, identifier: i.identifier,
    })),
    subjects: s.subjects.map((j) => ({ application_id: j.applicationId, role: j.role })),
  };
}

// ---------------------------------------------------------------------------------------------
// CD errors, through the register's engine
// ---------------------------------------------------------------------------------------------

const ERROR_OUTCOMES: readonly (readonly [CdErrorKind | 'dismissed' | 'recorded', number])[] = [
  ['recordableError', 40], ['relevantError', 25], ['operatorError', 10], ['dismissed', 10], ['recorded', 15],
];

async function generateError(rng: Prng, cast: Cast, id: string, established: number): Promise<{ row: Row; events: Row[] }> {
  const recorder = new Recorder();
  const actor = cast.spoc;
  const cause = rng.pick(CAUSE_CODES);
  const report: Partial<CdErrorReport> = {
    errorDescription: 'The wrong number was requested.',
    howItOccurred: 'Two digits were transposed when the identifier was typed.',
    discoveredAt: withOffset(established - rng.int(0, 72) * HOUR),
    establishedAt: withOffset(established),
    causeCode: cause,
    responsibleParty: rng.pick(RESPONSIBLE_PARTIES),
    isIpRelated: rng.chance(cause === 'incorrectTimeDate' ? 0.6 : 0.1),
  };
  let now = established + rng.int(1, 48) * HOUR;
  const created = new Date(now);
  // CdErrorsService.create: the fields that make a record, checked as the service checks them.
  const refused = recordReportComplete({
    error: { id: '', authorityId: cast.authority.id, status: 'suspected', kind: null, report: {}, reportDueAt: null, agreedDueAt: null, ipc: {} },
    actor,
    event: { type: 'RECORD', report },
    now: created,
  });
  if (refused) throw new Error(`the seeder made a report the register refuses: ${JSON.stringify(refused)}`);
  let row: CdErrorEntity = {
    id,
    authorityId: cast.authority.id,
    status: 'recorded',
    kind: null,
    ...indexedColumns(report),
    report,
    reportDueAt: null,
    agreedDueAt: null,
    reportedAt: null,
    ipc: null,
    sourceType: null,
    sourceEventId: null,
    machineVersion: CD_ERROR_MACHINE_VERSION,
    version: 1,
    historyHead: GENESIS_HASH,
    createdAt: created,
    updatedAt: created,
  };
  const links = { report };
  row.historyHead = await recorder.append(
    errorHistory,
    { ...nextHistoryEntry(row, actor, created, { kind: 'created', toState: 'recorded', payload: { report, links, source: null }, rowDigest: null }), position: 1, fromState: null },
    GENESIS_HASH,
  );
  const outcome = rng.weighted(ERROR_OUTCOMES);
  if (outcome !== 'recorded') {
    now += rng.int(2, 120) * HOUR;
    const at = new Date(now);
    const event: CdErrorEvent = outcome === 'dismissed' ? { type: 'DISMISS', reason: 'On review the data requested was right.' } : { type: 'ASSESS', kind: outcome };
    const result = cdErrorEngine.apply(row.status as 'recorded', event, { error: cdErrorFacts(row), actor, event, now: at }, { reportWorkingDays: 10 });
    if (!result.ok) throw new Error(`the register's engine refused ${event.type} for ${id}: ${JSON.stringify(result).slice(0, 600)}`);
    const entry: HistoryEntry = nextHistoryEntry(row, actor, at, { kind: 'transition', toState: result.nextState, eventType: event.type, guardInputs: result.guardInputsUsed, payload: event, rowDigest: null });
    const head = await recorder.append(errorHistory, entry, row.historyHead);
    const { report: changed, kind, reportDueAt } = result.changes;
    row = {
      ...row,
      status: result.nextState,
      ...(changed ? { report: changed, ...indexedColumns(changed) } : {}),
      ...(kind ? { kind } : {}),
      ...(reportDueAt !== undefined ? { reportDueAt } : {}),
      version: row.version + 1,
      historyHead: head,
      updatedAt: at,
    };
  }
  return {
    row: {
      id: row.id, authority_id: row.authorityId, status: row.status, kind: row.kind, cause_code: row.causeCode, responsible_party: row.responsibleParty,
      is_ip_related: row.isIpRelated, report: JSON.stringify(row.report), discovered_at: instantOrNull(row.discoveredAt),
      established_at: instantOrNull(row.establishedAt), report_due_at: instantOrNull(row.reportDueAt), agreed_due_at: instantOrNull(row.agreedDueAt),
      reported_at: instantOrNull(row.reportedAt), ipc: jsonOrNull(row.ipc), source_type: row.sourceType, source_event_id: row.sourceEventId,
      machine_version: row.machineVersion, version: row.version, history_head: row.historyHead, created_at: row.createdAt.toISOString(),
      updated_at: row.updatedAt.toISOString(),
    },
    events: recorder.rows.map((e) => historyRow(e, 'error_id', row.id)),
  };
}

// ---------------------------------------------------------------------------------------------
// Batches: generated anywhere (in this thread or a worker), written in order
// ---------------------------------------------------------------------------------------------

/** What the data set is: sizes and the PRNG's seed. Each application and error has its own PRNG, seeded from its index. */
export interface SeedPlan {
  applications: number;
  errors: number;
  seed: number;
}

/** A range of applications or errors to generate. */
export interface SeedTask {
  kind: 'applications' | 'errors';
  start: number;
  count: number;
}

/** Where an application's URN comes from: its authority and the Europe/London year it was begun in. */
export interface UrnSlot {
  authorityId: string;
  prefix: string;
  year: number;
}

/** The rows of one task, application rows (and their statistics rows) still without URNs. */
export interface GeneratedBatch {
  tables: Record<SeedTable, Row[]>;
  /** One per application row, in order. */
  urns: UrnSlot[];
  paths: Record<string, number>;
  otherAuthority: number;
}

/** Everything a generator needs besides the plan: the demo users as the guards see them (plain data, so a worker can take it). */
export type SeedWorld = World;

/** A 32-bit seed for item `index` of `kind` (splitmix32 of the plan's seed and the index). */
function itemSeed(seed: number, kind: SeedTask['kind'], index: number): number {
  let z = (seed ^ Math.imul(index + 1, 0x9e3779b9) ^ (kind === 'errors' ? 0x5bd1e995 : 0)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

const ERRORS_UNTIL = Date.parse('2026-10-31T00:00:00.000Z');

export async function generateBatch(world: SeedWorld, plan: SeedPlan, task: SeedTask): Promise<GeneratedBatch> {
  const tables = Object.fromEntries(SEED_TABLES.map((t) => [t, [] as Row[]])) as Record<SeedTable, Row[]>;
  const out: GeneratedBatch = { tables, urns: [], paths: {}, otherAuthority: 0 };
  for (let i = task.start; i < task.start + task.count; i++) {
    const rng = new Prng(itemSeed(plan.seed, task.kind, i));
    const other = rng.chance(OTHER_AUTHORITY_SHARE);
    const cast = other ? world.other : world.home;
    if (task.kind === 'errors') {
      const established = SEED_START + Math.floor(((i + rng.next()) / plan.errors) * (ERRORS_UNTIL - SEED_START));
      const { row, events } = await generateError(rng, cast, rng.uuid(), established);
      tables.cd_error.push(row);
      tables.cd_error_event.push(...events);
      continue;
    }
    // Applications are begun in order over the twelve months, as the service would number them.
    const begun = SEED_START + Math.floor(((i + rng.next()) / plan.applications) * SEED_SPAN_MS);
    let path = rng.weighted(PATH_WEIGHTS);
    if (path === 'ripaImported' && cast.admin === null) path = 'ocdaGranted';
    const generated = await generateApplication(rng, world, cast, path, rng.uuid(), begun);
    const { row } = generated;
    tables.application.push(applicationRow(row));
    tables.application_event.push(...generated.events.map((e) => historyRow(e, 'application_id', row.id)));
    tables.application_team_member.push(...generated.team.map((userId) => ({ application_id: row.id, user_id: userId })));
    const stats = statisticsRows(row);
    tables.application_statistics.push(stats.row);
    tables.application_statistics_item.push(...stats.items);
    tables.application_statistics_subject.push(...stats.subjects);
    out.urns.push({ authorityId: cast.authority.id, prefix: cast.authority.urnPrefix, year: Number(londonDate(new Date(begun)).slice(0, 4)) });
    out.paths[path] = (out.paths[path] ?? 0) + 1;
    if (other) out.otherAuthority++;
  }
  return out;
}

