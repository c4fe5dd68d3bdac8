import type { FieldError } from '../../http/domain-exception';
import { STATUTORY_PURPOSE_LABELS } from '../../workflow/application.labels';
import {
  DATA_SUBTYPE_LABELS,
  ICR_CONDITION_LABELS,
  IDENTIFIER_TYPE_LABELS,
  PERIOD_KIND_LABELS,
  PRIORITY_GRADE_LABELS,
  ROUTE_LABELS,
  SENSITIVE_PROFESSION_LABELS,
  SERIOUS_CRIME_BASIS_LABELS,
  SUBJECT_ROLE_LABELS,
} from '../../workflow/application-form.labels';
import {
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ICR_CONDITIONS,
  IDENTIFIER_TYPES,
  PERIOD_KINDS,
  PRIORITY_GRADES,
  ROUTES,
  SENSITIVE_PROFESSIONS,
  SERIOUS_CRIME_BASES,
  STATUTORY_PURPOSES,
  SUBJECT_ROLES,
  type ApplicationForm,
} from '../../workflow/application.types';
import { dateTimeParts, parseDateTime, partsOf, type DateTimeParts } from '../forms/date-time-input';
import { orNull, rowIndices, text, values, type FormBody } from './form-body';

/**
 * The application as GOV.UK question pages (issue 19, item 3): one page per section of the form, in the order of
 * the record's summary (src/web/record/application-summary.ts names the same pages for its Change links). Each page
 * reads its answers from the stored form or from a posted form as text, shows them again as typed, and turns them
 * into exactly its own fields of the API's `ApplicationFormDto` (arrays whole, as PATCH replaces them). No rule of
 * the application is here: whether the answers are valid, complete or allowed is the API's DTO and the guards'.
 */
export const QUESTION_PAGES = ['about', 'purpose', 'subjects', 'identifiers', 'data', 'justification'] as const;
export type QuestionPageName = (typeof QUESTION_PAGES)[number];

/** What the page's form becomes for the API, and what in it could not be read (a date that is not one). */
export interface PagePlain {
  plain: Record<string, unknown>;
  errors: FieldError[];
}

/** An answer page's state: what it shows, its add-another buttons, and what it saves. */
export interface PageState {
  /** The answers and choices for the view, the stored form giving what only it knows (identifiers as stored). */
  view(form: ApplicationForm): Record<string, unknown>;
  /** The page after an "Add another" or "Remove" button (`action`), or null when `action` is neither. */
  afterRowAction(action: string): PageState | null;
  /** The page without the rows left blank, new rows given their reference: what is saved and shown again. */
  compact(): PageState;
  toPlain(): PagePlain;
}

export interface QuestionPage {
  name: QuestionPageName;
  title: string;
  /** The id a refusal without a field of this page points at. */
  anchor: string;
  /** Whether a field path (`identifiers[0].value`) is answered on this page. */
  owns(field: string): boolean;
  fromForm(form: ApplicationForm): PageState;
  fromBody(body: FormBody): PageState;
}

interface RowList<V, R> {
  key: string;
  get(values: V): R[];
  set(values: V, rows: R[]): V;
  blank(): R;
  isBlank(row: R): boolean;
}

/** An "add another" list with its row type hidden: what the page does with it. */
interface RowOps<V> {
  key: string;
  /** At least one row, blank when none is given, so the page always asks. */
  atLeastOne(values: V): V;
  add(values: V): V;
  remove(values: V, index: number): V;
  dropBlank(values: V): V;
}

function rowList<V, R>(list: RowList<V, R>): RowOps<V> {
  return {
    key: list.key,
    atLeastOne: (v) => (list.get(v).length ? v : list.set(v, [list.blank()])),
    add: (v) => list.set(v, [...(list.get(v).length ? list.get(v) : [list.blank()]), list.blank()]),
    remove: (v, index) => list.set(v, list.get(v).filter((_row, i) => i !== index)),
    dropBlank: (v) => list.set(v, list.get(v).filter((row) => !list.isBlank(row))),
  };
}

interface PageSpec<V> {
  name: QuestionPageName;
  title: string;
  anchor: string;
  fields: readonly string[];
  rows: readonly RowOps<V>[];
  fromForm(form: ApplicationForm): V;
  fromBody(body: FormBody): V;
  /** Gives new rows what they need before saving (generated references). */
  complete?(values: V): V;
  toPlain(values: V): PagePlain;
  view(values: V, form: ApplicationForm): Record<string, unknown>;
}

function definePage<V>(spec: PageSpec<V>): QuestionPage {
  const withRows = (v: V): V => spec.rows.reduce((acc, list) => list.atLeastOne(acc), v);
  const state = (v: V): PageState => ({
    view: (form) => spec.view(withRows(v), form),
    afterRowAction(action) {
      for (const list of spec.rows) {
        if (action === `add-${list.key}`) return state(list.add(v));
        const remove = new RegExp(`^remove-${list.key}-(\\d{1,3})$`).exec(action);
        if (remove) return state(list.remove(v, Number(remove[1])));
      }
      return null;
    },
    compact() {
      const kept = spec.rows.reduce((acc, list) => list.dropBlank(acc), v);
      return state(spec.complete ? spec.complete(kept) : kept);
    },
    toPlain: () => spec.toPlain(v),
  });
  return {
    name: spec.name,
    title: spec.title,
    anchor: spec.anchor,
    owns: (field) => spec.fields.some((f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`)),
    fromForm: (form) => state(spec.fromForm(form)),
    fromBody: (body) => state(spec.fromBody(body)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers for the views: GOV.UK radios and selects from a vocabulary and its words.
// ---------------------------------------------------------------------------------------------------------------

interface Choice {
  value: string;
  text: string;
}

const choices = <K extends string>(codes: readonly K[], labels: Readonly<Record<K, string>>): Choice[] => codes.map((code) => ({ value: code, text: labels[code] }));
const radios = (options: readonly Choice[], chosen: string) => options.map((o) => ({ ...o, checked: o.value === chosen }));
const select = (options: readonly Choice[], chosen: string, placeholder: string) => [
  { value: '', text: placeholder, selected: chosen === '' },
  ...options.map((o) => ({ ...o, selected: o.value === chosen })),
];
const str = (value: string | null | undefined): string => value ?? '';
const yesNo = (value: boolean | null | undefined): string => (value === true ? 'yes' : value === false ? 'no' : '');
const fromYesNo = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);
const YES_NO: Choice[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
const allBlank = (...parts: string[]): boolean => parts.every((p) => p === '');

/** The next free reference `<prefix><n>` (id1, id2… or d1, d2…) for rows added on the page. */
function withRefs<R extends { ref: string }>(rows: R[], prefix: string): R[] {
  const used = new Set(rows.map((r) => r.ref).filter(Boolean));
  let n = 1;
  return rows.map((row) => {
    if (row.ref) return row;
    while (used.has(`${prefix}${n}`)) n += 1;
    const ref = `${prefix}${n}`;
    used.add(ref);
    return { ...row, ref };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// About the application (docs/law.md §3.1)
// ---------------------------------------------------------------------------------------------------------------

const APPLICANT_FIELDS = ['name', 'designation', 'officeRankPosition', 'team', 'contact'] as const;
type ApplicantField = (typeof APPLICANT_FIELDS)[number];

interface AboutValues {
  applicant: Record<ApplicantField, string>;
  operationName: string;
  investigationRef: string;
  route: string;
  priorityGrade: string;
}

const about = definePage<AboutValues>({
  name: 'about',
  title: 'About the application',
  anchor: 'applicantDetails-name',
  fields: ['applicantDetails', 'operationName', 'investigationRef', 'route', 'priorityGrade'],
  rows: [],
  fromForm: (form) => ({
    applicant: Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, str(form.applicantDetails?.[f])])) as Record<ApplicantField, string>,
    operationName: str(form.operationName),
    investigationRef: str(form.investigationRef),
    route: str(form.route),
    priorityGrade: str(form.priorityGrade),
  }),
  fromBody: (body) => ({
    applicant: Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, text(body, `applicantDetails-${f}`)])) as Record<ApplicantField, string>,
    operationName: text(body, 'operationName'),
    investigationRef: text(body, 'investigationRef'),
    route: text(body, 'route'),
    priorityGrade: text(body, 'priorityGrade'),
  }),
  toPlain: (v) => ({
    plain: {
      applicantDetails: Object.fromEntries(APPLICANT_FIELDS.map((f) => [f, orNull(v.applicant[f])])),
      operationName: orNull(v.operationName),
      investigationRef: orNull(v.investigationRef),
      route: orNull(v.route),
      priorityGrade: orNull(v.priorityGrade),
    },
    errors: [],
  }),
  view: (v) => ({
    values: v,
    items: {
      route: radios(choices(ROUTES, ROUTE_LABELS), v.route),
      priorityGrade: radios(choices(PRIORITY_GRADES, PRIORITY_GRADE_LABELS), v.priorityGrade),
    },
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Purpose and offences (docs/law.md §3.2)
// ---------------------------------------------------------------------------------------------------------------

/** The facts of an offence the serious-crime test reads (docs/law.md §2.2), as the DTO names them. */
const OFFENCE_FACTS: readonly Choice[] = [
  { value: 'isS263SeriousCrime', text: 'It is serious crime as defined in IPA s.263(1)' },
  { value: 'isByNonIndividual', text: 'It was committed by a person who is not an individual (for example, a company)' },
  { value: 'involvesSendingCommunication', text: 'Sending a communication is an integral part of it' },
  { value: 'involvesPrivacyBreach', text: 'A breach of someone’s privacy is an integral part of it' },
];
const OFFENCE_FACT_NAMES = OFFENCE_FACTS.map((f) => f.value);

interface OffenceRow {
  description: string;
  statute: string;
  maxSentenceAdultMonths: string;
  facts: string[];
}

interface PurposeValues {
  statutoryPurpose: string;
  offences: OffenceRow[];
  seriousCrimeBasis: string;
  investigationSummary: string;
}

const purpose = definePage<PurposeValues>({
  name: 'purpose',
  title: 'Purpose and offences',
  anchor: 'statutoryPurpose',
  fields: ['statutoryPurpose', 'offences', 'seriousCrimeBasis', 'investigationSummary'],
  rows: [
    rowList<PurposeValues, OffenceRow>({
      key: 'offences',
      get: (v) => v.offences,
      set: (v, offences) => ({ ...v, offences }),
      blank: () => ({ description: '', statute: '', maxSentenceAdultMonths: '', facts: [] }),
      isBlank: (r) => allBlank(r.description, r.statute, r.maxSentenceAdultMonths) && r.facts.length === 0,
    }),
  ],
  fromForm: (form) => ({
    statutoryPurpose: str(form.statutoryPurpose),
    offences: (form.offences ?? []).map((o) => ({
      description: o.description,
      statute: str(o.statute),
      maxSentenceAdultMonths: o.maxSentenceAdultMonths === null || o.maxSentenceAdultMonths === undefined ? '' : String(o.maxSentenceAdultMonths),
      facts: OFFENCE_FACT_NAMES.filter((f) => o[f as keyof typeof o] === true),
    })),
    seriousCrimeBasis: str(form.seriousCrimeBasis),
    investigationSummary: str(form.investigationSummary),
  }),
  fromBody: (body) => ({
    statutoryPurpose: text(body, 'statutoryPurpose'),
    offences: rowIndices(body, 'offences').map((i) => ({
      description: text(body, `offences-${i}-description`),
      statute: text(body, `offences-${i}-statute`),
      maxSentenceAdultMonths: text(body, `offences-${i}-maxSentenceAdultMonths`),
      facts: values(body, `offences-${i}-facts`).filter((f) => OFFENCE_FACT_NAMES.includes(f)),
    })),
    seriousCrimeBasis: text(body, 'seriousCrimeBasis'),
    investigationSummary: text(body, 'investigationSummary'),
  }),
  toPlain: (v) => ({
    plain: {
      statutoryPurpose: orNull(v.statutoryPurpose),
      offences: v.offences.length
        ? v.offences.map((o) => ({
            description: o.description,
            statute: orNull(o.statute),
            // A whole number of months as a number; anything else as typed, for the DTO to refuse in its words.
            maxSentenceAdultMonths: o.maxSentenceAdultMonths === '' ? null : /^\d{1,6}$/.test(o.maxSentenceAdultMonths) ? Number(o.maxSentenceAdultMonths) : o.maxSentenceAdultMonths,
            ...Object.fromEntries(o.facts.map((f) => [f, true])),
          }))
        : null,
      seriousCrimeBasis: orNull(v.seriousCrimeBasis),
      investigationSummary: orNull(v.investigationSummary),
    },
    errors: [],
  }),
  view: (v) => ({
    values: v,
    items: {
      statutoryPurpose: radios(choices(STATUTORY_PURPOSES, STATUTORY_PURPOSE_LABELS), v.statutoryPurpose),
      seriousCrimeBasis: radios(choices(SERIOUS_CRIME_BASES, SERIOUS_CRIME_BASIS_LABELS), v.seriousCrimeBasis),
      offenceFacts: v.offences.map((o) => OFFENCE_FACTS.map((f) => ({ ...f, checked: o.facts.includes(f.value) }))),
    },
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Subjects (docs/law.md §3.3)
// ---------------------------------------------------------------------------------------------------------------

/** The answer "no subject works in a sensitive profession" (stored as none: null). */
const NO_PROFESSION = 'none';

interface SubjectRow {
  role: string;
  name: string;
  linkToEvent: string;
}

interface SubjectsValues {
  subjects: SubjectRow[];
  sensitiveProfession: string;
  sensitiveProfessionConsiderations: string;
  journalisticSourceSought: string;
  imminentThreatToLife: string;
}

const subjects = definePage<SubjectsValues>({
  name: 'subjects',
  title: 'Subjects',
  anchor: 'subjects-0-role',
  fields: ['subjects', 'sensitiveProfession', 'sensitiveProfessionConsiderations', 'journalisticSourceSought', 'imminentThreatToLife'],
  rows: [
    rowList<SubjectsValues, SubjectRow>({
      key: 'subjects',
      get: (v) => v.subjects,
      set: (v, rows) => ({ ...v, subjects: rows }),
      blank: () => ({ role: '', name: '', linkToEvent: '' }),
      isBlank: (r) => allBlank(r.role, r.name, r.linkToEvent),
    }),
  ],
  fromForm: (form) => ({
    subjects: (form.subjects ?? []).map((s) => ({ role: s.role, name: str(s.name), linkToEvent: str(s.linkToEvent) })),
    // A form saved once has an answer: a profession, or none.
    sensitiveProfession: form.sensitiveProfession ?? (form.journalisticSourceSought === undefined || form.journalisticSourceSought === null ? '' : NO_PROFESSION),
    sensitiveProfessionConsiderations: str(form.sensitiveProfessionConsiderations),
    journalisticSourceSought: yesNo(form.journalisticSourceSought),
    imminentThreatToLife: yesNo(form.imminentThreatToLife),
  }),
  fromBody: (body) => ({
    subjects: rowIndices(body, 'subjects').map((i) => ({
      role: text(body, `subjects-${i}-role`),
      name: text(body, `subjects-${i}-name`),
      linkToEvent: text(body, `subjects-${i}-linkToEvent`),
    })),
    sensitiveProfession: text(body, 'sensitiveProfession'),
    sensitiveProfessionConsiderations: text(body, 'sensitiveProfessionConsiderations'),
    journalisticSourceSought: text(body, 'journalisticSourceSought'),
    imminentThreatToLife: text(body, 'imminentThreatToLife'),
  }),
  toPlain: (v) => ({
    plain: {
      subjects: v.subjects.length ? v.subjects.map((s) => ({ role: s.role, name: orNull(s.name), linkToEvent: orNull(s.linkToEvent) })) : null,
      sensitiveProfession: v.sensitiveProfession === NO_PROFESSION ? null : orNull(v.sensitiveProfession),
      sensitiveProfessionConsiderations: orNull(v.sensitiveProfessionConsiderations),
      journalisticSourceSought: fromYesNo(v.journalisticSourceSought),
      imminentThreatToLife: fromYesNo(v.imminentThreatToLife),
    },
    errors: [],
  }),
  view: (v) => ({
    values: v,
    items: {
      roles: v.subjects.map((s) => select(choices(SUBJECT_ROLES, SUBJECT_ROLE_LABELS), s.role, 'Choose a role')),
      sensitiveProfession: radios([{ value: NO_PROFESSION, text: 'No' }, ...choices(SENSITIVE_PROFESSIONS, SENSITIVE_PROFESSION_LABELS)], v.sensitiveProfession),
      journalisticSourceSought: radios(YES_NO, v.journalisticSourceSought),
      imminentThreatToLife: radios(YES_NO, v.imminentThreatToLife),
    },
  }),
});

// ---------------------------------------------------------------------------------------------------------------
// Identifiers (docs/law.md §3.3): each stored as typed and as normalised
// ---------------------------------------------------------------------------------------------------------------

interface IdentifierRow {
  ref: string;
  type: string;
  value: string;
  source: string;
  subjectRef: string;
}

interface IdentifiersValues {
  identifiers: IdentifierRow[];
}

const identifiers = definePage<IdentifiersValues>({
  name: 'identifiers',
  title: 'Identifiers',
  anchor: 'identifiers-0-type',
  fields: ['identifiers'],
  rows: [
    rowList<IdentifiersValues, IdentifierRow>({
      key: 'identifiers',
      get: (v) => v.identifiers,
      set: (_v, rows) => ({ identifiers: rows }),
      blank: () => ({ ref: '', type: '', value: '', source: '', subjectRef: '' }),
      isBlank: (r) => allBlank(r.type, r.value, r.source),
    }),
  ],
  fromForm: (form) => ({
    identifiers: (form.identifiers ?? []).map((i) => ({ ref: i.ref, type: i.type, value: i.value, source: i.source, subjectRef: str(i.subjectRef) })),
  }),
  fromBody: (body) => ({
    identifiers: rowIndices(body, 'identifiers').map((i) => ({
      ref: text(body, `identifiers-${i}-ref`),
      type: text(body, `identifiers-${i}-type`),
      value: text(body, `identifiers-${i}-value`),
      source: text(body, `identifiers-${i}-source`),
      subjectRef: text(body, `identifiers-${i}-subjectRef`),
    })),
  }),
  complete: (v) => ({ identifiers: withRefs(v.identifiers, 'id') }),
  toPlain: (v) => ({
    plain: {
      identifiers: v.identifiers.length
        ? v.identifiers.map((i) => ({ ref: i.ref, type: i.type, value: i.value, source: i.source, subjectRef: orNull(i.subjectRef) }))
        : null,
    },
    errors: [],
  }),
  view: (v, form) => {
    const stored = new Map((form.identifiers ?? []).map((i) => [i.ref, i]));
    return {
      values: v,
      items: {
        types: v.identifiers.map((i) => select(choices(IDENTIFIER_TYPES, IDENTIFIER_TYPE_LABELS), i.type, 'Choose a type')),
      },
      // What the service stored for each row, while the row still says what was saved.
      storedAs: v.identifiers.map((i) => {
        const saved = stored.get(i.ref);
        return saved && saved.value === i.value && saved.type === i.type ? saved.normalisedValue : null;
      }),
      stored: (form.identifiers ?? []).map((i) => ({ ref: i.ref, type: IDENTIFIER_TYPE_LABELS[i.type] ?? i.type, value: i.value, normalisedValue: i.normalisedValue })),
    };
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Data sought (docs/law.md §3.4): periods as date-time inputs with an explicit zone
// ---------------------------------------------------------------------------------------------------------------

const SUBTYPES: readonly Choice[] = [
  ...ENTITY_SUBTYPES.map((s) => ({ value: s, text: `Entity data: ${DATA_SUBTYPE_LABELS[s]}` })),
  ...EVENTS_SUBTYPES.map((s) => ({ value: s, text: `Events data: ${DATA_SUBTYPE_LABELS[s]}` })),
];

/** The category a subtype belongs to (IPA s.261(3)–(4)): the page asks for the subtype only. */
function categoryOf(subtype: string): string | null {
  if ((ENTITY_SUBTYPES as readonly string[]).includes(subtype)) return 'entity';
  if ((EVENTS_SUBTYPES as readonly string[]).includes(subtype)) return 'events';
  return null;
}

const BLANK_TIME: DateTimeParts = { day: '', month: '', year: '', hour: '', minute: '', zone: 'Europe/London' };

interface DataItemRow {
  ref: string;
  identifierRef: string;
  subtype: string;
  periodKind: string;
  periodStart: DateTimeParts;
  periodEnd: DateTimeParts;
  timeZone: string;
  csp: string;
  icrCondition: string;
}

interface DataValues {
  dataItems: DataItemRow[];
}

const timeBlank = (p: DateTimeParts): boolean => allBlank(p.day, p.month, p.year, p.hour, p.minute);

const data = definePage<DataValues>({
  name: 'data',
  title: 'Data sought',
  anchor: 'dataItems-0-identifierRef',
  fields: ['dataItems'],
  rows: [
    rowList<DataValues, DataItemRow>({
      key: 'dataItems',
      get: (v) => v.dataItems,
      set: (_v, rows) => ({ dataItems: rows }),
      blank: () => ({ ref: '', identifierRef: '', subtype: '', periodKind: '', periodStart: BLANK_TIME, periodEnd: BLANK_TIME, timeZone: '', csp: '', icrCondition: '' }),
      isBlank: (r) => allBlank(r.identifierRef, r.subtype, r.periodKind, r.csp, r.icrCondition) && timeBlank(r.periodStart) && timeBlank(r.periodEnd),
    }),
  ],
  fromForm: (form) => ({
    dataItems: (form.dataItems ?? []).map((d) => ({
      ref: d.ref,
      identifierRef: d.identifierRef,
      subtype: d.subtype,
      periodKind: d.periodKind,
      periodStart: partsOf(d.periodStart) ?? BLANK_TIME,
      periodEnd: partsOf(d.periodEnd) ?? BLANK_TIME,
      timeZone: str(d.timeZone),
      csp: d.csp,
      icrCondition: str(d.icrCondition),
    })),
  }),
  fromBody: (body) => ({
    dataItems: rowIndices(body, 'dataItems').map((i) => ({
      ref: text(body, `dataItems-${i}-ref`),
      identifierRef: text(body, `dataItems-${i}-identifierRef`),
      subtype: text(body, `dataItems-${i}-subtype`),
      periodKind: text(body, `dataItems-${i}-periodKind`),
      periodStart: dateTimeParts(body, `dataItems-${i}-periodStart`),
      periodEnd: dateTimeParts(body, `dataItems-${i}-periodEnd`),
      timeZone: text(body, `dataItems-${i}-timeZone`),
      csp: text(body, `dataItems-${i}-csp`),
      icrCondition: text(body, `dataItems-${i}-icrCondition`),
    })),
  }),
  complete: (v) => ({ dataItems: withRefs(v.dataItems, 'd') }),
  toPlain: (v) => {
    const errors: FieldError[] = [];
    const several = v.dataItems.length > 1;
    const instant = (parts: DateTimeParts, field: string, label: string): string | null => {
      const result = parseDateTime(parts, label);
      if (!result.ok) {
        errors.push({ field, message: result.message, code: 'dateTime' });
        return null;
      }
      return result.iso;
    };
    const dataItems = v.dataItems.map((d, i) => ({
      ref: d.ref,
      identifierRef: d.identifierRef,
      category: categoryOf(d.subtype),
      subtype: d.subtype,
      periodKind: d.periodKind,
      periodStart: instant(d.periodStart, `dataItems[${i}].periodStart`, several ? `The start of data item ${i + 1}’s period` : 'The start of the period'),
      periodEnd: instant(d.periodEnd, `dataItems[${i}].periodEnd`, several ? `The end of data item ${i + 1}’s period` : 'The end of the period'),
      timeZone: orNull(d.timeZone),
      csp: d.csp,
      icrCondition: orNull(d.icrCondition),
    }));
    return { plain: { dataItems: dataItems.length ? dataItems : null }, errors };
  },
  view: (v, form) => {
    const identifierChoices = (form.identifiers ?? []).map((i) => ({
      value: i.ref,
      text: `${i.ref}: ${IDENTIFIER_TYPE_LABELS[i.type] ?? i.type} ${i.normalisedValue}`,
    }));
    return {
      values: v,
      hasIdentifiers: identifierChoices.length > 0,
      items: {
        identifierRefs: v.dataItems.map((d) => select(identifierChoices, d.identifierRef, 'Choose an identifier')),
        subtypes: v.dataItems.map((d) => select(SUBTYPES, d.subtype, 'Choose the data sought')),
        periodKinds: v.dataItems.map((d) => select(choices(PERIOD_KINDS, PERIOD_KIND_LABELS), d.periodKind, 'Choose the kind of period')),
        icrConditions: v.dataItems.map((d) => select(choices(ICR_CONDITIONS, ICR_CONDITION_LABELS), d.icrCondition, 'Not an internet connection record')),
      },
    };
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Necessity and proportionality (docs/law.md §3.5)
// ---------------------------------------------------------------------------------------------------------------

const JUSTIFICATION_FIELDS = ['necessity', 'proportionality', 'collateralIntrusion', 'unintendedConsequences', 'howDataWillBeUsed'] as const;
type JustificationField = (typeof JUSTIFICATION_FIELDS)[number];

interface JustificationValues {
  answers: Record<JustificationField, string>;
  /** Asked on the urgent route (IPA s.61A), or when already answered: null when the page does not ask it. */
  urgencyJustification: string | null;
}

const justification = definePage<JustificationValues>({
  name: 'justification',
  title: 'Necessity and proportionality',
  anchor: 'necessity',
  fields: [...JUSTIFICATION_FIELDS, 'urgencyJustification'],
  rows: [],
  fromForm: (form) => ({
    answers: Object.fromEntries(JUSTIFICATION_FIELDS.map((f) => [f, str(form[f])])) as Record<JustificationField, string>,
    urgencyJustification: form.route === 'dso61A' || form.urgencyJustification ? str(form.urgencyJustification) : null,
  }),
  fromBody: (body) => ({
    answers: Object.fromEntries(JUSTIFICATION_FIELDS.map((f) => [f, text(body, f)])) as Record<JustificationField, string>,
    urgencyJustification: 'urgencyJustification' in body ? text(body, 'urgencyJustification') : null,
  }),
  toPlain: (v) => ({
    plain: {
      ...Object.fromEntries(JUSTIFICATION_FIELDS.map((f) => [f, orNull(v.answers[f])])),
      ...(v.urgencyJustification === null ? {} : { urgencyJustification: orNull(v.urgencyJustification) }),
    },
    errors: [],
  }),
  view: (v) => ({ values: v }),
});

const PAGES: Readonly<Record<QuestionPageName, QuestionPage>> = { about, purpose, subjects, identifiers, data, justification };

/** The page named in a path, or null for a name that is not one. */
export function questionPage(name: string): QuestionPage | null {
  return (QUESTION_PAGES as readonly string[]).includes(name) ? PAGES[name as QuestionPageName] : null;
}

/** The page after `name`, or null after the last (then the answers are checked). */
export function pageAfter(name: QuestionPageName): QuestionPageName | null {
  return QUESTION_PAGES[QUESTION_PAGES.indexOf(name) + 1] ?? null;
}

/** The page before `name`, or null for the first. */
export function pageBefore(name: QuestionPageName): QuestionPageName | null {
  return QUESTION_PAGES[QUESTION_PAGES.indexOf(name) - 1] ?? null;
}

/** A value as compared for "did it change": no empty members, keys in order, instants as instants, identifiers without what the service adds. */
function comparable(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(comparable);
  if (typeof value === 'string') {
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : NaN;
    return Number.isNaN(instant) ? value : instant;
  }
  if (typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key, member]) => member !== null && member !== undefined && key !== 'normalisedValue')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, member]) => [key, comparable(member)]),
  );
}

/**
 * The page's answers that differ from the stored form: what a save sends, so that the record's history and the
 * conversation ("changed since the SPOC's return") name only what the person changed, and a save that changes
 * nothing writes nothing. PATCH merges the fields it is sent, so leaving out an unchanged one keeps it.
 */
export function changedAnswers(plain: Record<string, unknown>, form: ApplicationForm): Record<string, unknown> {
  const stored = form as Record<string, unknown>;
  return Object.fromEntries(Object.entries(plain).filter(([key, value]) => JSON.stringify(comparable(value)) !== JSON.stringify(comparable(stored[key]))));
}
