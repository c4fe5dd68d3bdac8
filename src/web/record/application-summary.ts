import { STATUTORY_PURPOSE_LABELS } from '../../workflow/application.labels';
import {
  APPLICANT_DETAILS_LABELS,
  APPLICATION_FORM_FIELD_LABELS,
  DATA_SUBTYPE_LABELS,
  IDENTIFIER_TYPE_LABELS,
  PERIOD_KIND_LABELS,
  PRIORITY_GRADE_LABELS,
  ROUTE_LABELS,
  SENSITIVE_PROFESSION_LABELS,
  SERIOUS_CRIME_BASIS_LABELS,
  SUBJECT_ROLE_LABELS,
} from '../../workflow/application-form.labels';
import type { ApplicationForm, ApplicationFormField } from '../../workflow/application.types';
import { londonTime } from '../view-filters';

/** One row of a GOV.UK summary list: the question, the answer in words, and where to change it (when the reader may). */
export interface SummaryRow {
  key: string;
  value: string;
  field: ApplicationFormField;
}

export interface SummarySection {
  /** Which question page asks these (src/web/investigator): the "Change" links go there. */
  page: string;
  heading: string;
  rows: SummaryRow[];
}

const NOT_GIVEN = 'Not given';
const text = (value: string | null | undefined): string => (value === null || value === undefined || value.trim() === '' ? NOT_GIVEN : value);
const label = <K extends string>(labels: Readonly<Record<K, string>>, value: K | null | undefined): string => (value ? (labels[value] ?? value) : NOT_GIVEN);
const yesNo = (value: boolean | null | undefined): string => (value === true ? 'Yes' : value === false ? 'No' : NOT_GIVEN);
const lines = (items: string[]): string => (items.length ? items.join('\n') : 'None');

/**
 * The application's form as the pages show it (check your answers, the record, the SPOC's review, the
 * authoriser's decision): every field in words from the same label tables as the record PDF, times in
 * Europe/London with the zone, identifiers as typed and as normalised.
 */
export function summarise(form: ApplicationForm): SummarySection[] {
  const row = (field: ApplicationFormField, value: string): SummaryRow => ({ key: APPLICATION_FORM_FIELD_LABELS[field], value, field });
  const details = form.applicantDetails ?? {};
  return [
    {
      page: 'about',
      heading: 'About the application',
      rows: [
        row(
          'applicantDetails',
          lines(
            (Object.keys(APPLICANT_DETAILS_LABELS) as (keyof typeof APPLICANT_DETAILS_LABELS)[])
              .filter((k) => details[k])
              .map((k) => `${APPLICANT_DETAILS_LABELS[k]}: ${details[k]}`),
          ),
        ),
        row('operationName', text(form.operationName)),
        row('investigationRef', text(form.investigationRef)),
        row('route', label(ROUTE_LABELS, form.route)),
        row('priorityGrade', label(PRIORITY_GRADE_LABELS, form.priorityGrade)),
      ],
    },
    {
      page: 'purpose',
      heading: 'Purpose and offences',
      rows: [
        row('statutoryPurpose', label(STATUTORY_PURPOSE_LABELS, form.statutoryPurpose)),
        row(
          'offences',
          lines(
            (form.offences ?? []).map((o) => {
              const sentence = o.maxSentenceAdultMonths === null || o.maxSentenceAdultMonths === undefined ? '' : `, maximum ${o.maxSentenceAdultMonths} months`;
              return `${o.description}${o.statute ? ` (${o.statute})` : ''}${sentence}`;
            }),
          ),
        ),
        row('seriousCrimeBasis', label(SERIOUS_CRIME_BASIS_LABELS, form.seriousCrimeBasis)),
        row('investigationSummary', text(form.investigationSummary)),
      ],
    },
    {
      page: 'subjects',
      heading: 'Subjects',
      rows: [
        row('subjects', lines((form.subjects ?? []).map((s) => `${SUBJECT_ROLE_LABELS[s.role]}${s.name ? `: ${s.name}` : ''}`))),
        row('sensitiveProfession', form.sensitiveProfession ? label(SENSITIVE_PROFESSION_LABELS, form.sensitiveProfession) : 'None'),
        ...(form.sensitiveProfession ? [row('sensitiveProfessionConsiderations', text(form.sensitiveProfessionConsiderations))] : []),
        row('journalisticSourceSought', yesNo(form.journalisticSourceSought)),
        row('imminentThreatToLife', yesNo(form.imminentThreatToLife)),
      ],
    },
    {
      page: 'identifiers',
      heading: 'Identifiers',
      rows: [
        row(
          'identifiers',
          lines(
            (form.identifiers ?? []).map(
              (i) => `${i.ref}: ${IDENTIFIER_TYPE_LABELS[i.type]} ${i.value}${i.normalisedValue && i.normalisedValue !== i.value ? ` (stored as ${i.normalisedValue})` : ''}, from ${i.source}`,
            ),
          ),
        ),
      ],
    },
    {
      page: 'data',
      heading: 'Data sought',
      rows: [
        row(
          'dataItems',
          lines(
            (form.dataItems ?? []).map(
              (d) =>
                `${d.ref}: ${DATA_SUBTYPE_LABELS[d.subtype as keyof typeof DATA_SUBTYPE_LABELS] ?? d.subtype} for ${d.identifierRef}, ${PERIOD_KIND_LABELS[d.periodKind]}, ` +
                `${londonTime(d.periodStart)} to ${londonTime(d.periodEnd)}, from ${d.csp}`,
            ),
          ),
        ),
      ],
    },
    {
      page: 'justification',
      heading: 'Necessity and proportionality',
      rows: [
        row('necessity', text(form.necessity)),
        row('proportionality', text(form.proportionality)),
        row('collateralIntrusion', text(form.collateralIntrusion)),
        row('unintendedConsequences', text(form.unintendedConsequences)),
        row('howDataWillBeUsed', text(form.howDataWillBeUsed)),
        ...(form.route === 'dso61A' || form.urgencyJustification ? [row('urgencyJustification', text(form.urgencyJustification))] : []),
      ],
    },
  ];
}
