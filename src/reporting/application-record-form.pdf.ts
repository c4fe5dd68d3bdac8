/**
 * The application itself in the record PDF: who and what it is, the form the applicant wrote
 * (docs/law.md §3.1–§3.5), the SPOC's section (§3.6), the decision with the findings the law gives the
 * authoriser (§3.7), a Judicial Commissioner's approval (IPA s.77) and the validity (§2.3); or, for a
 * record made under RIPA 2000, its particulars as imported (docs/law.md §10). Every code in words, every
 * instant a London time with its zone.
 */
import { drawTable } from '../pdf/pdf-table';
import type { PdfWriter } from '../pdf/pdf-writer';
import { listOrNone, londonTime, wordsFor, yesNo } from '../pdf/plain-english';
import {
  ACQUISITION_METHOD_LABELS,
  APPLICANT_DETAILS_LABELS,
  APPLICATION_FORM_FIELD_LABELS as FORM,
  DATA_CATEGORY_LABELS,
  DATA_SUBTYPE_LABELS,
  ICR_CONDITION_LABELS,
  IDENTIFIER_TYPE_LABELS,
  PERIOD_KIND_LABELS,
  PRIORITY_GRADE_LABELS,
  ROUTE_LABELS,
  SENSITIVE_PROFESSION_LABELS,
  SERIOUS_CRIME_BASIS_LABELS,
  SPOC_SECTION_FIELD_LABELS as SPOC,
  SUBJECT_ROLE_LABELS,
} from '../workflow/application-form.labels';
import { APPLICATION_EVENT_LABELS, APPLICATION_STATE_LABELS, STATUTORY_PURPOSE_LABELS } from '../workflow/application.labels';
import type { ApplicantDetails, DataItem, Offence } from '../workflow/application.types';
import { RIPA_PURPOSE_LABELS, RIPA_RECORD_FIELD_LABELS, RIPA_RECORD_KIND_LABELS } from '../workflow/ripa-record.labels';
import { RIPA_RECORD_FIELDS, type RipaRecordField, type RipaRecordParticulars } from '../workflow/ripa-record.types';
import { FINDING_MADE_BY_LABELS } from './application-record.labels';
import { field, flag, given, instant, instantField, none, person, subheading, type Sections } from './application-record-text';
import type { ApplicationRecordView } from './application-record.view';

/** Who and what the record is. */
export function identification(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading(view.imported ? 'The record' : 'The application');
  field(w, 'URN', view.urn);
  field(w, 'Public authority', view.authorityName);
  field(w, 'State', wordsFor(APPLICATION_STATE_LABELS, view.status));
  field(w, 'Route (who authorises)', view.route === null ? null : wordsFor(ROUTE_LABELS, view.route));
  if (view.imported) {
    field(w, 'Imported by', view.applicant);
    instantField(w, 'Imported at', view.createdAt);
    field(w, 'Original reference', view.ripa?.reference ?? view.ripa?.particulars.originalReference);
  } else {
    field(w, 'Applicant of record', view.applicant);
    field(w, 'Investigation team', listOrNone(view.team));
    field(w, 'Reviewing SPOC', view.reviewingSpoc);
    field(w, 'Granted by', view.grantedBy);
    field(w, FORM.renewalOf, view.renewalOf ?? 'Not a renewal');
    field(w, FORM.operationName, view.form.operationName);
    field(w, FORM.investigationRef, view.form.investigationRef);
    field(w, FORM.priorityGrade, view.form.priorityGrade ? wordsFor(PRIORITY_GRADE_LABELS, view.form.priorityGrade) : null);
    instantField(w, 'Created at', view.createdAt);
  }
  instantField(w, 'Last changed at', view.updatedAt);
  field(w, 'History rows', String(view.version));
}

/** The form as the applicant wrote it (docs/law.md §3.1–§3.5). */
export function form(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  const f = view.form;
  s.heading('The form');
  subheading(w, "The applicant's details");
  applicantDetails(w, f.applicantDetails ?? null);

  subheading(w, 'Purpose and offence');
  field(w, FORM.statutoryPurpose, f.statutoryPurpose ? wordsFor(STATUTORY_PURPOSE_LABELS, f.statutoryPurpose) : null);
  const offences = f.offences ?? [];
  if (offences.length === 0) field(w, FORM.offences, 'None');
  offences.forEach((offence, i) => field(w, `Offence ${i + 1}`, offenceText(offence)));
  field(w, FORM.seriousCrimeBasis, f.seriousCrimeBasis ? wordsFor(SERIOUS_CRIME_BASIS_LABELS, f.seriousCrimeBasis) : null);
  field(w, FORM.investigationSummary, f.investigationSummary);

  subheading(w, 'Subjects and identifiers');
  const subjects = f.subjects ?? [];
  if (subjects.length === 0) field(w, FORM.subjects, 'None');
  subjects.forEach((subject, i) =>
    field(
      w,
      `Subject ${i + 1}`,
      [wordsFor(SUBJECT_ROLE_LABELS, subject.role), given(subject.name) && `Name: ${subject.name}`, given(subject.linkToEvent) && `Link to the event: ${subject.linkToEvent}`]
        .filter((part): part is string => typeof part === 'string' && part !== '')
        .join('\n'),
    ),
  );
  field(w, FORM.sensitiveProfession, f.sensitiveProfession ? wordsFor(SENSITIVE_PROFESSION_LABELS, f.sensitiveProfession) : 'None');
  field(w, FORM.sensitiveProfessionConsiderations, f.sensitiveProfessionConsiderations);
  field(w, FORM.journalisticSourceSought, flag(f.journalisticSourceSought));
  field(w, FORM.imminentThreatToLife, flag(f.imminentThreatToLife));
  identifiers(w, view);

  subheading(w, 'Data requested');
  dataItems(w, f.dataItems ?? []);

  subheading(w, 'Justification');
  for (const key of ['necessity', 'proportionality', 'collateralIntrusion', 'unintendedConsequences', 'howDataWillBeUsed', 'urgencyJustification', 'exceptionalCircumstances'] as const) {
    field(w, FORM[key], f[key]);
  }
}

function applicantDetails(w: PdfWriter, details: ApplicantDetails | null): void {
  for (const key of Object.keys(APPLICANT_DETAILS_LABELS) as (keyof ApplicantDetails)[]) field(w, APPLICANT_DETAILS_LABELS[key], details?.[key]);
}

function offenceText(offence: Offence): string {
  const sentence =
    offence.maxSentenceAdultMonths === undefined
      ? null
      : offence.maxSentenceAdultMonths === null
        ? 'Maximum sentence for an adult: no custodial maximum'
        : `Maximum sentence for an adult: ${offence.maxSentenceAdultMonths} months`;
  const flags: [string, boolean | undefined][] = [
    ['Serious crime (IPA s.263)', offence.isS263SeriousCrime],
    ['Committed by a person who is not an individual', offence.isByNonIndividual],
    ['Involves sending a communication', offence.involvesSendingCommunication],
    ['Involves a breach of privacy', offence.involvesPrivacyBreach],
  ];
  return [
    offence.description,
    given(offence.statute) && `Statute: ${offence.statute}`,
    sentence,
    ...flags.filter(([, value]) => typeof value === 'boolean').map(([label, value]) => `${label}: ${yesNo(value === true)}`),
  ]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n');
}

function identifiers(w: PdfWriter, view: ApplicationRecordView): void {
  const list = view.form.identifiers ?? [];
  if (list.length === 0) {
    field(w, FORM.identifiers, 'None');
    return;
  }
  w.moveDown(0.2);
  drawTable(w, {
    columns: [
      { header: 'Ref.', weight: 0.6 },
      { header: 'Type', weight: 1.4 },
      { header: 'As given', weight: 1.5 },
      { header: 'As normalised', weight: 1.5 },
      { header: 'Source', weight: 1.6 },
      { header: 'Subject', weight: 0.7 },
    ],
    rows: list.map((id) => ({
      cells: [id.ref, wordsFor(IDENTIFIER_TYPE_LABELS, id.type), id.value, id.normalisedValue, id.source, given(id.subjectRef) ?? 'None'],
    })),
  });
}

/** An item's period: "Historic: 1 Mar 2026 00:00 GMT to 31 Mar 2026 23:59 BST". */
export function periodText(kind: string, start: string, end: string): string {
  const span = start === end ? `at ${londonTime(start)}` : `${londonTime(start)} to ${londonTime(end)}`;
  return `${wordsFor(PERIOD_KIND_LABELS, kind)}: ${span}`;
}

/** A data type in words: "Entity data: Subscriber details". */
export function dataText(category: string, subtype: string): string {
  return `${wordsFor(DATA_CATEGORY_LABELS, category)}: ${wordsFor(DATA_SUBTYPE_LABELS, subtype)}`;
}

function dataItems(w: PdfWriter, items: readonly DataItem[]): void {
  if (items.length === 0) {
    field(w, FORM.dataItems, 'None');
    return;
  }
  drawTable(w, {
    columns: [
      { header: 'Item', weight: 0.6 },
      { header: 'Identifier', weight: 0.8 },
      { header: 'Data', weight: 1.8 },
      { header: 'Period', weight: 2.6 },
      { header: 'Operator', weight: 1.3 },
    ],
    noteFont: 'regular',
    noteSize: 7.5,
    rows: items.map((item) => ({
      cells: [item.ref, item.identifierRef, dataText(item.category, item.subtype), periodText(item.periodKind, item.periodStart, item.periodEnd), item.csp],
      notes: [
        ...(given(item.timeZone) ? [`Time zone the applicant reasoned in: ${item.timeZone}`] : []),
        ...(item.icrCondition ? [`Internet connection records: ${wordsFor(ICR_CONDITION_LABELS, item.icrCondition)}`] : []),
      ],
    })),
  });
}

/** The SPOC's section (docs/law.md §3.6). */
export function spocSection(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading("The SPOC's section");
  const spoc = view.spocSection;
  if (spoc === null) {
    none(w, 'No SPOC section is recorded: the application was not sent for authorisation through a SPOC.');
    return;
  }
  field(w, SPOC.spocName, spoc.spocName);
  field(w, SPOC.accreditationId, spoc.accreditationId);
  field(w, SPOC.spocAdvice, spoc.spocAdvice);
  field(w, SPOC.acquisitionMethod, spoc.acquisitionMethod ? wordsFor(ACQUISITION_METHOD_LABELS, spoc.acquisitionMethod) : null);
  field(w, SPOC.costEstimate, spoc.costEstimate);
  field(w, SPOC.practicalityAssessment, spoc.practicalityAssessment);
  instantField(w, SPOC.consultedAt, spoc.consultedAt);
  field(w, SPOC.sensitiveProfessionAdvice, spoc.sensitiveProfessionAdvice);
  field(w, SPOC.returnReasons, spoc.returnReasons && spoc.returnReasons.length > 0 ? listOrNone(spoc.returnReasons) : null);
}

/** The authoriser's decision, with the findings the law gives them (docs/law.md §3.7). */
export function decision(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('The decision');
  const d = view.decision;
  if (d === null) {
    none(w, 'No grant is recorded. Any refusal, or request for more information, is in the conversation.');
    return;
  }
  const recorded = given(d.deciderName) ?? null;
  field(w, 'Decided by', view.grantedBy ?? recorded);
  field(w, 'Office, rank or position', d.officeRank);
  instantField(w, 'Decided at', d.decidedAt);
  field(w, 'Granted orally', yesNo(d.oral === true));
  field(w, 'Rationale (necessity and proportionality)', d.rationale);
  field(w, 'Conduct authorised', d.conductAuthorised);
  field(w, 'Conditions', given(d.conditions) ?? 'None');
  const { findings } = view;
  field(w, 'Independence declared (IPA s.63)', findings.independenceDeclared === null ? 'Not applicable on this route' : yesNo(findings.independenceDeclared));
  field(w, 'Exceptional circumstances override (IPA s.63)', findings.independenceException ?? 'None');
  field(w, 'Finding: imminent threat to life (IPA s.77)', findings.imminentThreatToLife ?? 'No such finding');
  field(
    w,
    'Finding: no SPOC consulted (IPA s.76)',
    findings.spocNotConsulted === null ? 'No such finding' : `${FINDING_MADE_BY_LABELS[findings.spocNotConsulted.recordedBy]}: ${findings.spocNotConsulted.reasons}`,
  );
  field(w, 'How the sensitive profession was weighed', d.sensitiveProfessionConsideration ?? (view.form.sensitiveProfession ? null : 'Not applicable'));
  field(w, 'OCDA reference', d.ocdaReference ?? (view.route === 'ipc60A' ? null : 'Not applicable'));
}

/** A Judicial Commissioner's approval (IPA s.77). */
export function judicialApproval(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('Judicial approval');
  const { requestedAt, decision: answer } = view.judicial;
  if (requestedAt === null && answer === null) {
    none(w, 'The application was not sent for judicial approval.');
    return;
  }
  instantField(w, 'Sent for approval at', requestedAt);
  if (answer === null) {
    field(w, 'Answer', 'Not yet given');
    return;
  }
  field(w, 'Answer', APPLICATION_EVENT_LABELS[answer.eventType]);
  field(w, 'Recorded by', `${person(answer.by)}, at ${londonTime(answer.at)}`);
  field(w, 'Judicial Commissioner', answer.judgeName);
  instantField(w, 'Decided at', answer.decidedAt);
  if (answer.eventType === 'JC_REFUSE') field(w, 'Reason', answer.reason);
}

/** How long the authorisation lasts (docs/law.md §2.3). */
export function validity(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('Validity');
  const v = view.validity;
  if (v.validFrom === null && v.expiresAt === null) {
    none(w, 'The application has not been authorised, so it has no period of validity.');
    return;
  }
  instantField(w, 'Valid from', v.validFrom);
  instantField(w, 'Expires at', v.expiresAt);
  field(w, 'Oral grant', yesNo(v.oralGrant));
  field(w, 'Written record due by', v.oralGrant ? (instant(v.writtenRecordDueAt) ?? 'Made') : 'Not applicable');
}

/** How each particular of a record made under RIPA is printed. */
const RIPA_FORMATS: Readonly<Record<RipaRecordField, 'text' | 'instant' | 'kind' | 'purpose'>> = {
  originalReference: 'text',
  kind: 'kind',
  appliedAt: 'instant',
  grantedAt: 'instant',
  expiresAt: 'instant',
  cancelledAt: 'instant',
  applicantName: 'text',
  applicantRank: 'text',
  designatedPersonName: 'text',
  designatedPersonRank: 'text',
  necessity: 'text',
  proportionality: 'text',
  purpose: 'purpose',
  dataSought: 'text',
  csp: 'text',
};

/** The particulars of a record made under RIPA 2000 as imported (docs/law.md §10). */
export function ripaParticulars(w: PdfWriter, s: Sections, view: ApplicationRecordView): void {
  s.heading('The record made under RIPA 2000, as imported');
  const particulars: RipaRecordParticulars | undefined = view.ripa?.particulars;
  if (particulars === undefined) {
    none(w, 'No particulars were imported.');
    return;
  }
  for (const key of RIPA_RECORD_FIELDS) {
    const value = particulars[key];
    const format = RIPA_FORMATS[key];
    const text =
      value === null ? null : format === 'instant' ? londonTime(value) : format === 'kind' ? wordsFor(RIPA_RECORD_KIND_LABELS, value) : format === 'purpose' ? wordsFor(RIPA_PURPOSE_LABELS, value) : value;
    field(w, RIPA_RECORD_FIELD_LABELS[key], text);
  }
}
