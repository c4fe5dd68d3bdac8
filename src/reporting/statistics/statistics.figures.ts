/**
 * Every figure of the statistics return, defined once (docs/statistics.md §2): which rows it counts (the
 * source: history rows of one or more events joined to the record's statistics columns, a record's own
 * date, or the error register), what it counts them by (a SQL expression over indexed columns), the values
 * it shows even at zero, and its words. The aggregate and the drill-down list are both built from the same
 * definition (statistics.sql.ts), so a cell and its list cannot disagree. Pure data.
 *
 * The SQL here is fixed text: codes are constants of this service, never input; the authority and the
 * period are bound as parameters.
 */
import { APPLICATION_EVENT_LABELS, STATUTORY_PURPOSE_LABELS } from '../../workflow/application.labels';
import {
  DATA_CATEGORY_LABELS,
  DATA_SUBTYPE_LABELS,
  ROUTE_LABELS,
  SENSITIVE_PROFESSION_LABELS,
  SUBJECT_ROLE_LABELS,
} from '../../workflow/application-form.labels';
import {
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ROUTES,
  SENSITIVE_PROFESSIONS,
  SPOC_REASON_CODES,
  STATUTORY_PURPOSES,
  SUBJECT_ROLES,
  type ApplicationEventType,
} from '../../workflow/application.types';
import { CAUSE_CODE_LABELS, CD_ERROR_KIND_LABELS, RESPONSIBLE_PARTY_LABELS } from '../../workflow/cd-error.labels';
import { CAUSE_CODES, CD_ERROR_KINDS, RESPONSIBLE_PARTIES } from '../../workflow/cd-error.types';
import { RIPA_PURPOSE_LABELS, RIPA_RECORD_KIND_LABELS } from '../../workflow/ripa-record.labels';
import { RIPA_PURPOSES, RIPA_RECORD_KINDS } from '../../workflow/ripa-record.types';
import { COMMUNICATIONS_TYPE_LABELS, SPOC_REASON_LABELS } from '../../workflow/statistics.labels';
import { COMMUNICATIONS_TYPES, NOT_CATEGORISED } from '../../workflow/statistics.types';
import type { StatisticsRecord, StatisticsUnit } from './statistics-return';

/**
 * Where a figure's rows come from. `from` and `where` use the named parameters `:authority`, `:start` and
 * `:end` (the period as ISO instants; instants are stored as fixed-width ISO strings, so they compare as
 * text on both databases). `record` says, as SQL expressions, what the drill-down shows of each row.
 */
export interface FigureSource {
  from: string;
  where: readonly string[];
  record: { [K in 'id' | 'reference' | 'at' | 'item' | 'identifier']: string } & { type: StatisticsRecord['type'] };
}

export interface FigureDefinition {
  id: string;
  title: string;
  unit: StatisticsUnit;
  definition: string;
  source: FigureSource;
  /** What the figure counts by: a SQL expression over the source's columns. */
  key: string;
  /** The values shown even at zero, in order, with their words. */
  cells: readonly (readonly [key: string, label: string])[];
}

export interface SectionDefinition {
  id: string;
  title: string;
  chart: boolean;
  figures: readonly FigureDefinition[];
}

const quoted = (codes: readonly string[]): string => codes.map((c) => `'${c}'`).join(', ');
const labelled = <K extends string>(codes: readonly K[], labels: Readonly<Record<K, string>>) => codes.map((c) => [c, labels[c]] as const);

/** History rows of `events` in the period, of the authority's records. */
function events(types: readonly ApplicationEventType[], ...more: string[]): FigureSource {
  return {
    from: 'application_event e JOIN application_statistics s ON s.application_id = e.application_id',
    where: [`e.event_type IN (${quoted(types)})`, 'e.at >= :start', 'e.at < :end', 's.authority_id = :authority', ...more],
    record: { type: 'application', id: 's.application_id', reference: 's.urn', at: 'e.at', item: 'NULL', identifier: 'NULL' },
  };
}

/**
 * An authorisation takes effect when a grant leaves the record authorised, or when a Judicial Commissioner
 * approves a grant that had to wait for one (IPA s.77): the history row that enters `authorised` from a
 * decision. A grant that waits for the Commissioner is not yet an authorisation.
 */
const AUTHORISATIONS = events(['GRANT', 'JC_APPROVE'], "e.to_state = 'authorised'");
const AUTHORISED = 'History rows that put an authorisation into effect (a grant, or a Judicial Commissioner’s approval of a grant that waited for one) dated in the period.';

function joined(base: FigureSource, join: string, alias: string, item: boolean): FigureSource {
  return {
    from: `${base.from} JOIN ${join} ${alias} ON ${alias}.application_id = e.application_id`,
    where: base.where,
    record: item ? { ...base.record, item: `${alias}.item_ref`, identifier: `${alias}.identifier` } : base.record,
  };
}

const RIPA: FigureSource = {
  from: 'application_statistics s',
  where: ['s.authority_id = :authority', 's.ripa_granted_at >= :start', 's.ripa_granted_at < :end'],
  record: { type: 'application', id: 's.application_id', reference: 's.urn', at: 's.ripa_granted_at', item: 'NULL', identifier: 'NULL' },
};

/** Register entries whose error was established in the period; a dismissed suspicion is not an error. */
const ERRORS: FigureSource = {
  from: 'cd_error c',
  where: ['c.authority_id = :authority', 'c.established_at >= :start', 'c.established_at < :end', "c.status <> 'dismissed'"],
  record: { type: 'error', id: 'c.id', reference: 'NULL', at: 'c.established_at', item: 'NULL', identifier: 'NULL' },
};

const NOT_GIVEN = 'notGiven';
/**
 * The route, for figures whose events happen once the route can no longer change (a decision, a cancellation:
 * the form is edited only before authorisation). Never NULL there; COALESCE keeps a key and its list equal if one were.
 */
const ROUTE = `COALESCE(s.route, '${NOT_GIVEN}')`;
const ROUTE_CELLS = labelled(ROUTES, ROUTE_LABELS);
const REASON_CELLS = [...labelled(SPOC_REASON_CODES, SPOC_REASON_LABELS), [NOT_CATEGORISED, SPOC_REASON_LABELS[NOT_CATEGORISED]] as const];

export const STATISTICS_SECTIONS: readonly SectionDefinition[] = [
  {
    id: 'spoc',
    title: 'Applications and the SPOC',
    chart: true,
    figures: [
      {
        id: 'spoc.submitted',
        title: 'Applications submitted to the SPOC',
        unit: 'applications',
        // Not by route: an application returned to its applicant may change route before it is resubmitted, and
        // a return already made must not move between cells (docs/statistics.md §2).
        definition: 'Applications first submitted to the SPOC in the period (the history row of the submission). An urgent application made without a SPOC is not counted here.',
        source: events(['SUBMIT_TO_SPOC']),
        key: "'submitted'",
        cells: [['submitted', 'Submitted to the SPOC']],
      },
      {
        id: 'spoc.returned',
        title: 'Applications returned to the applicant by the SPOC',
        unit: 'events',
        definition: 'Each return by a SPOC in the period (an application returned twice counts twice), by the category of reason the SPOC gave.',
        source: events(['RETURN_TO_APPLICANT']),
        key: `COALESCE(e.reason_code, '${NOT_CATEGORISED}')`,
        cells: REASON_CELLS,
      },
      {
        id: 'spoc.declined',
        title: 'Applications declined by the SPOC',
        unit: 'applications',
        definition: 'Applications a SPOC declined in the period, by the category of reason the SPOC gave.',
        source: events(['DECLINE']),
        key: `COALESCE(e.reason_code, '${NOT_CATEGORISED}')`,
        cells: REASON_CELLS,
      },
    ],
  },
  {
    id: 'authorisations',
    title: 'Authorisations and refusals',
    chart: true,
    figures: [
      {
        id: 'authorisations.byRoute',
        title: 'Authorisations by route',
        unit: 'authorisations',
        definition: `${AUTHORISED} By the route: OCDA (s.60A), a designated senior officer (s.61) or urgently (s.61A).`,
        source: AUTHORISATIONS,
        key: ROUTE,
        cells: ROUTE_CELLS,
      },
      {
        id: 'authorisations.urgency',
        title: 'Urgent and routine authorisations',
        unit: 'authorisations',
        definition: `${AUTHORISED} Urgent means granted by a designated senior officer under the urgency procedure of IPA s.61A; routine means every other route.`,
        source: AUTHORISATIONS,
        key: "CASE WHEN s.route = 'dso61A' THEN 'urgent' ELSE 'routine' END",
        cells: [['urgent', 'Urgent (IPA s.61A)'], ['routine', 'Routine (IPA s.60A or s.61)']],
      },
      {
        id: 'refusals.byRoute',
        title: 'Refusals by route',
        unit: 'events',
        definition: 'Each refusal by an authoriser recorded in the period, by route (a Judicial Commissioner’s refusals are counted with journalistic sources).',
        source: events(['REFUSE']),
        key: ROUTE,
        cells: ROUTE_CELLS,
      },
      {
        id: 'authorisations.dsoExceptions',
        title: 'Designated senior officer grants made under an exception',
        unit: 'authorisations',
        definition: `${AUTHORISED} Only grants by a designated senior officer (s.61, s.61A) made under an exception: the officer was not independent of the investigation (IPA s.63 exceptions), or no SPOC was consulted (IPA s.76(2)), or both.`,
        source: { ...AUTHORISATIONS, where: [...AUTHORISATIONS.where, "s.route IN ('dso61', 'dso61A')", 's.dso_exception IS NOT NULL'] },
        key: 's.dso_exception',
        cells: [
          ['independence', 'Not independent of the investigation (IPA s.63)'],
          ['spocNotConsulted', 'No SPOC consulted (IPA s.76(2))'],
          ['both', 'Both exceptions'],
        ],
      },
    ],
  },
  {
    id: 'journalistic',
    title: 'Journalistic sources and the Judicial Commissioner',
    chart: false,
    figures: [
      {
        id: 'journalistic.authorisations',
        title: 'Authorisations to identify or confirm a journalistic source',
        unit: 'authorisations',
        definition: `${AUTHORISED} Only applications seeking to identify or confirm a journalist’s source (IPA s.77), by how the authorisation took effect.`,
        source: { ...AUTHORISATIONS, where: [...AUTHORISATIONS.where, 's.journalistic_source = TRUE'] },
        key: "CASE WHEN e.event_type = 'JC_APPROVE' THEN 'judicialCommissionerApproved' WHEN s.threat_to_life_finding = TRUE THEN 'imminentThreatToLife' ELSE 'neitherRecorded' END",
        cells: [
          ['judicialCommissionerApproved', 'Approved by a Judicial Commissioner'],
          ['imminentThreatToLife', 'Took effect at once: imminent threat to life (IPA s.77(1)(b))'],
          // The guards allow no other way; a record here is one an inspector should read.
          ['neitherRecorded', 'Neither recorded: read the record'],
        ],
      },
      {
        id: 'journalistic.judicialOutcomes',
        title: 'Judicial Commissioner decisions',
        unit: 'events',
        definition: 'Each decision of a Judicial Commissioner on a journalistic-source grant recorded in the period.',
        source: events(['JC_APPROVE', 'JC_REFUSE']),
        key: 'e.event_type',
        cells: [['JC_APPROVE', APPLICATION_EVENT_LABELS.JC_APPROVE], ['JC_REFUSE', APPLICATION_EVENT_LABELS.JC_REFUSE]],
      },
    ],
  },
  {
    id: 'sensitiveProfessions',
    title: 'Subjects in sensitive professions',
    chart: true,
    figures: [
      {
        id: 'authorisations.sensitiveProfession',
        title: 'Authorisations where the subject is in a sensitive profession',
        unit: 'authorisations',
        definition: `${AUTHORISED} Only applications that name a sensitive profession of the subject, by that profession.`,
        source: { ...AUTHORISATIONS, where: [...AUTHORISATIONS.where, 's.sensitive_profession IS NOT NULL'] },
        key: 's.sensitive_profession',
        cells: labelled(SENSITIVE_PROFESSIONS, SENSITIVE_PROFESSION_LABELS),
      },
    ],
  },
  {
    id: 'items',
    title: 'Items of data authorised',
    chart: true,
    figures: [
      {
        id: 'items.byType',
        title: 'Items of data by type',
        unit: 'items',
        definition: `Each item of data (one identifier, one kind of data, one period: the statistical unit) of the authorisations counted: ${AUTHORISED} By entity or events data and its kind.`,
        source: joined(AUTHORISATIONS, 'application_statistics_item', 'i', true),
        key: "i.category || ':' || i.subtype",
        cells: [
          ...ENTITY_SUBTYPES.map((s) => [`entity:${s}`, `${DATA_CATEGORY_LABELS.entity}: ${DATA_SUBTYPE_LABELS[s]}`] as const),
          ...EVENTS_SUBTYPES.map((s) => [`events:${s}`, `${DATA_CATEGORY_LABELS.events}: ${DATA_SUBTYPE_LABELS[s]}`] as const),
        ],
      },
      {
        id: 'items.byCommunications',
        title: 'Items of data by communications type',
        unit: 'items',
        definition: 'The same items of data, by the kind of communications: telephony (a telephone number, handset or SIM), internet (an IP address, email address, account or user name) or postal.',
        source: joined(AUTHORISATIONS, 'application_statistics_item', 'i', true),
        key: 'i.communications_type',
        cells: labelled(COMMUNICATIONS_TYPES, COMMUNICATIONS_TYPE_LABELS),
      },
    ],
  },
  {
    id: 'purposes',
    title: 'Statutory purposes',
    chart: true,
    figures: [
      {
        id: 'authorisations.purpose',
        title: 'Authorisations by statutory purpose',
        unit: 'authorisations',
        definition: `${AUTHORISED} By the statutory purpose of the application (IPA s.60A(7)).`,
        source: AUTHORISATIONS,
        key: `COALESCE(s.statutory_purpose, '${NOT_GIVEN}')`,
        cells: labelled(STATUTORY_PURPOSES, STATUTORY_PURPOSE_LABELS),
      },
    ],
  },
  {
    id: 'subjects',
    title: 'Subjects',
    chart: true,
    figures: [
      {
        id: 'authorisations.subjectCategory',
        title: 'Authorisations by category of subject',
        unit: 'authorisations',
        definition: `${AUTHORISED} By each category of subject the application names; an application naming a suspect and a victim counts once in each, so the total can exceed the authorisations.`,
        source: joined(AUTHORISATIONS, 'application_statistics_subject', 'j', false),
        key: 'j.role',
        cells: labelled(SUBJECT_ROLES, SUBJECT_ROLE_LABELS),
      },
    ],
  },
  {
    id: 'cancellations',
    title: 'Cancellations',
    chart: false,
    figures: [
      {
        id: 'cancellations.cancelled',
        title: 'Authorisations cancelled',
        unit: 'authorisations',
        definition: 'Authorisations cancelled in the period (IPA s.65), by route.',
        source: events(['CANCEL']),
        key: ROUTE,
        cells: ROUTE_CELLS,
      },
      {
        id: 'cancellations.requested',
        title: 'Cancellation requests',
        unit: 'events',
        definition: 'Each request to cancel an authorisation made in the period, by route.',
        source: events(['REQUEST_CANCELLATION']),
        key: ROUTE,
        cells: ROUTE_CELLS,
      },
    ],
  },
  {
    id: 'ripa',
    title: 'Records made under RIPA 2000 (imported), counted apart',
    chart: false,
    figures: [
      {
        id: 'ripa.byKind',
        title: 'RIPA 2000 records by kind',
        unit: 'records',
        definition: 'Records made under RIPA 2000 Part 1 Chapter 2 and imported, counted by the date each was granted under RIPA (not the date of import), apart from every figure above.',
        source: RIPA,
        key: 's.ripa_kind',
        cells: labelled(RIPA_RECORD_KINDS, RIPA_RECORD_KIND_LABELS),
      },
      {
        id: 'ripa.byPurpose',
        title: 'RIPA 2000 records by ground (s.22(2))',
        unit: 'records',
        definition: 'The same records, by the ground of RIPA 2000 s.22(2) they were granted on.',
        source: RIPA,
        key: 's.ripa_purpose',
        cells: labelled(RIPA_PURPOSES, RIPA_PURPOSE_LABELS),
      },
    ],
  },
  {
    id: 'errors',
    title: 'Errors',
    chart: true,
    figures: [
      {
        id: 'errors.byKind',
        title: 'Errors by kind',
        unit: 'errors',
        definition: 'Entries of the error register whose error was established in the period (a dismissed suspicion is not counted), by kind.',
        source: ERRORS,
        key: "COALESCE(c.kind, 'notAssessed')",
        cells: [...labelled(CD_ERROR_KINDS, CD_ERROR_KIND_LABELS), ['notAssessed', 'Not yet assessed']],
      },
      {
        id: 'errors.byCause',
        title: 'Errors by cause',
        unit: 'errors',
        definition: 'The same entries, by cause.',
        source: ERRORS,
        key: `COALESCE(c.cause_code, '${NOT_GIVEN}')`,
        cells: labelled(CAUSE_CODES, CAUSE_CODE_LABELS),
      },
      {
        id: 'errors.byResponsibleParty',
        title: 'Errors by responsible party',
        unit: 'errors',
        definition: 'The same entries, by who was responsible.',
        source: ERRORS,
        key: `COALESCE(c.responsible_party, '${NOT_GIVEN}')`,
        cells: labelled(RESPONSIBLE_PARTIES, RESPONSIBLE_PARTY_LABELS),
      },
      {
        id: 'errors.ipRelated',
        title: 'Errors involving IP address resolution',
        unit: 'errors',
        definition: 'The same entries: how many concern the resolution of an IP address (the Commissioner counts them apart).',
        source: ERRORS,
        key: "CASE WHEN c.is_ip_related = TRUE THEN 'ipRelated' ELSE 'notIpRelated' END",
        cells: [['ipRelated', 'IP address related'], ['notIpRelated', 'Not IP address related']],
      },
    ],
  },
];

export const STATISTICS_FIGURES: ReadonlyMap<string, FigureDefinition> = new Map(
  STATISTICS_SECTIONS.flatMap((section) => section.figures.map((figure) => [figure.id, figure] as const)),
);

/** Words for a value a figure found that its list does not name (an old code): shown, never dropped. */
export const OTHER_VALUE_LABEL = (key: string): string => (key === NOT_GIVEN ? 'Not given' : `Other (${key})`);

/** A cell's words: those the figure names it with, or those of a value it does not name. */
export function cellLabel(figure: FigureDefinition, key: string): string {
  return figure.cells.find(([named]) => named === key)?.[1] ?? OTHER_VALUE_LABEL(key);
}
