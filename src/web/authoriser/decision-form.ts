import type { ApplicationResponse } from '../../applications/public-api';
import { DomainException } from '../../http/domain-exception';
import { ACQUISITION_METHOD_LABELS, SENSITIVE_PROFESSION_LABELS, SPOC_SECTION_FIELD_LABELS } from '../../workflow/application-form.labels';
import type { ApplicationEventType, SpocSection } from '../../workflow/application.types';
import { londonTime } from '../view-filters';

/** A decision a page offers: the event it sends, and what a person reads. */
export interface Choice {
  event: ApplicationEventType;
  text: string;
  hint?: string;
}

/** The decisions the decision page offers, with the words a person picks (docs/law.md §2.4). */
export const DECISION_CHOICES: readonly Choice[] = [
  { event: 'GRANT', text: 'Grant', hint: 'With your reasons and what the authorisation states, above.' },
  { event: 'REFUSE', text: 'Refuse', hint: 'Give your reason for refusing below.' },
  { event: 'REQUEST_MORE_INFO', text: 'Ask for more information', hint: 'Write your question below.' },
];

/** The Judicial Commissioner's decisions (IPA s.77). */
export const JUDICIAL_CHOICES: readonly Choice[] = [
  { event: 'JC_APPROVE', text: 'Approve' },
  { event: 'JC_REFUSE', text: 'Refuse' },
];

/** The choices of `choices` this reader may send now (the service's `allowedEvents`), so the page offers nothing it would refuse outright. */
export function offeredChoices(choices: readonly Choice[], allowed: readonly string[]): Choice[] {
  return choices.filter((choice) => allowed.includes(choice.event));
}

/**
 * Which of the findings and particulars the decision page asks for this application: what the law leaves to the
 * authoriser on its route (docs/law.md §3.7). Which fields to show is all this decides; whether a decision stands
 * is the service's guards' answer.
 */
export interface DecisionSections {
  /** A DSO route: the DSO's declaration of independence or the exception (IPA s.63). */
  independence: boolean;
  /** A DSO route with no SPOC's advice on record: the DSO's own s.76 finding. */
  spocNotConsulted: boolean;
  /** The form seeks a journalist's source: the imminent-threat-to-life finding (IPA s.77). */
  journalisticSource: boolean;
  /** The form names a sensitive profession: how the decider weighed it. */
  sensitiveProfession: string | null;
  /** The urgent route: a DSO may grant orally. */
  oral: boolean;
}

export function decisionSectionsFor(application: ApplicationResponse): DecisionSections {
  const route = application.route ?? application.form.route ?? null;
  const dsoRoute = route === 'dso61' || route === 'dso61A';
  const profession = application.form.sensitiveProfession;
  return {
    independence: dsoRoute,
    spocNotConsulted: dsoRoute && !hasText(application.spocSection?.spocAdvice),
    journalisticSource: application.form.journalisticSourceSought === true,
    sensitiveProfession: profession ? SENSITIVE_PROFESSION_LABELS[profession] : null,
    oral: route === 'dso61A',
  };
}

/** What a person typed into the decision page, kept to show the form again as typed. */
export interface DecisionAnswers {
  decision: string;
  rationale: string;
  officeRank: string;
  conductAuthorised: string;
  conditions: string;
  sensitiveProfessionConsideration: string;
  independenceDeclaration: boolean;
  exceptionalCircumstancesOverride: string;
  spocNotConsulted: string;
  imminentThreatToLife: string;
  oral: boolean;
  reason: string;
  question: string;
}

const hasText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const textOf = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? body[name] : '');
const checked = (body: Record<string, unknown>, name: string): boolean => body[name] === 'yes';
/** A box left empty is "not given" (null), as the API reads a missing field. */
const given = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export function emptyDecisionAnswers(): DecisionAnswers {
  return decisionAnswers({});
}

/** The decision page's answers from its posted form (field names as in src/web/views/authoriser/decide.njk). */
export function decisionAnswers(body: Record<string, unknown>): DecisionAnswers {
  return {
    decision: textOf(body, 'decision'),
    rationale: textOf(body, 'rationale'),
    officeRank: textOf(body, 'officeRank'),
    conductAuthorised: textOf(body, 'conductAuthorised'),
    conditions: textOf(body, 'conditions'),
    sensitiveProfessionConsideration: textOf(body, 'sensitiveProfessionConsideration'),
    independenceDeclaration: checked(body, 'independenceDeclaration'),
    exceptionalCircumstancesOverride: textOf(body, 'exceptionalCircumstancesOverride'),
    spocNotConsulted: textOf(body, 'spocNotConsulted'),
    imminentThreatToLife: textOf(body, 'imminentThreatToLife'),
    oral: checked(body, 'oral'),
    reason: textOf(body, 'reason'),
    question: textOf(body, 'question'),
  };
}

/** No choice made: the page's own question, answered before anything is sent. */
function chooseOne(field: string, message: string): DomainException {
  return new DomainException('VALIDATION_FAILED', message, { errors: [{ field, message, code: 'isIn' }] });
}

/**
 * The event the decision page sends, shaped exactly as `POST /applications/:id/events` takes it (ApplicationEventDto):
 * GRANT with the decision and the findings the page asked for, REFUSE with its reason, REQUEST_MORE_INFO with its
 * question. An empty finding is left out rather than sent without reasons.
 */
export function decisionEvent(answers: DecisionAnswers, sections: DecisionSections): Record<string, unknown> {
  switch (answers.decision) {
    case 'REFUSE':
      return { type: 'REFUSE', reason: given(answers.reason) };
    case 'REQUEST_MORE_INFO':
      return { type: 'REQUEST_MORE_INFO', question: given(answers.question) };
    case 'GRANT': {
      const findings: Record<string, { reasons: string }> = {};
      const spocFinding = given(answers.spocNotConsulted);
      const threatFinding = given(answers.imminentThreatToLife);
      if (sections.spocNotConsulted && spocFinding) findings.spocNotConsulted = { reasons: spocFinding };
      if (sections.journalisticSource && threatFinding) findings.imminentThreatToLife = { reasons: threatFinding };
      return {
        type: 'GRANT',
        decision: {
          rationale: given(answers.rationale),
          officeRank: given(answers.officeRank),
          conductAuthorised: given(answers.conductAuthorised),
          conditions: given(answers.conditions),
          ...(sections.sensitiveProfession ? { sensitiveProfessionConsideration: given(answers.sensitiveProfessionConsideration) } : {}),
          ...(sections.independence
            ? {
                independenceDeclaration: answers.independenceDeclaration ? true : null,
                exceptionalCircumstancesOverride: given(answers.exceptionalCircumstancesOverride),
              }
            : {}),
          ...(Object.keys(findings).length ? { findings } : {}),
          ...(sections.oral && answers.oral ? { oral: true } : {}),
        },
      };
    }
    default:
      throw chooseOne('decision', 'Select your decision: grant, refuse or ask for more information');
  }
}

/** What the Judicial Commissioner's page posted. */
export interface JudicialAnswers {
  decision: string;
  reason: string;
  judgeName: string;
}

export function judicialAnswers(body: Record<string, unknown>, defaultJudge = ''): JudicialAnswers {
  return {
    decision: textOf(body, 'decision'),
    reason: textOf(body, 'reason'),
    judgeName: typeof body.judgeName === 'string' ? body.judgeName : defaultJudge,
  };
}

/** JC_APPROVE or JC_REFUSE as the API takes it, with the judge's name and, when given, the time of the decision. */
export function judicialEvent(answers: JudicialAnswers, decidedAt: string | null): Record<string, unknown> {
  const judicialApproval = { judgeName: given(answers.judgeName), ...(decidedAt ? { decidedAt } : {}) };
  switch (answers.decision) {
    case 'JC_APPROVE':
      return { type: 'JC_APPROVE', judicialApproval };
    case 'JC_REFUSE':
      return { type: 'JC_REFUSE', reason: given(answers.reason), judicialApproval };
    default:
      throw chooseOne('decision', 'Select the Judicial Commissioner’s decision: approve or refuse');
  }
}

/** One row of the SPOC's advice, in words. */
export interface AdviceRow {
  key: string;
  value: string;
}

/**
 * The SPOC's section as the authoriser reads it (docs/law.md §3.6), labelled from the same table as the record. The
 * SPOC's accreditation PIN is left out: it is for operators, never shown on a page (docs/law.md §1).
 */
export function spocAdviceRows(section: SpocSection | null | undefined): AdviceRow[] {
  if (!section) return [];
  const rows: AdviceRow[] = [];
  const add = (field: keyof SpocSection, value: string | null | undefined) => {
    if (hasText(value)) rows.push({ key: SPOC_SECTION_FIELD_LABELS[field], value });
  };
  add('spocName', section.spocName);
  add('spocAdvice', section.spocAdvice);
  add('sensitiveProfessionAdvice', section.sensitiveProfessionAdvice);
  add('acquisitionMethod', section.acquisitionMethod ? ACQUISITION_METHOD_LABELS[section.acquisitionMethod] : null);
  add('costEstimate', section.costEstimate);
  add('practicalityAssessment', section.practicalityAssessment);
  add('consultedAt', londonTime(section.consultedAt));
  add('returnReasons', (section.returnReasons ?? []).filter(hasText).join('\n'));
  return rows;
}
