import { STATUTORY_PURPOSE_LABELS } from '../../workflow/application.labels';
import {
  PRIORITY_GRADE_LABELS,
  ROUTE_LABELS,
  SENSITIVE_PROFESSION_LABELS,
  SERIOUS_CRIME_BASIS_LABELS,
  SUBJECT_ROLE_LABELS,
} from '../../workflow/application-form.labels';
import {
  PRIORITY_GRADES,
  ROUTES,
  SENSITIVE_PROFESSIONS,
  SERIOUS_CRIME_BASES,
  STATUTORY_PURPOSES,
  SUBJECT_ROLES,
} from '../../workflow/application.types';
import { orNull, rowIndices, text, values } from './form-body';
import { data, identifiers } from './identifier-and-data-pages';
import { allBlank, choices, definePage, fromYesNo, QUESTION_PAGES, radios, rowList, select, str, YES_NO, yesNo, type Choice, type QuestionPage, type QuestionPageName } from './question-page-kit';

export { QUESTION_PAGES, type PageState, type QuestionPage, type QuestionPageName } from './question-page-kit';

/**
 * The application as GOV.UK question pages (issue 19, item 3): one page per section of the form, in the order of
 * the record's summary (src/web/record/application-summary.ts names the same pages for its Change links). Each page
 * reads its answers from the stored form or from a posted form as text, shows them again as typed, and turns them
 * into exactly its own fields of the API's `ApplicationFormDto` (arrays whole, as PATCH replaces them). No rule of
 * the application is here: whether the answers are valid, complete or allowed is the API's DTO and the guards'.
 */
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
