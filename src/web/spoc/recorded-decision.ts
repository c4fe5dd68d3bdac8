import type { ApplicationEventType, RecordRoute } from '../../workflow/application.types';
import { answer } from '../form-refusals';

/**
 * What a SPOC may record for someone else (docs/architecture.md §7.1 footnotes ¹ ²): on `ipc60A`, OCDA's
 * decision received from OCDA's own system (a grant, a refusal or a request for more information); on
 * `dso61A`, a designated senior officer's oral urgent grant. On `dso61` the DSO decides in the service
 * themselves, so there is nothing to record. Which of these the form offers; the guards decide what is accepted.
 */
export type Recording = 'ocda' | 'dsoOral';

export function recordingFor(route: RecordRoute | null): Recording | null {
  if (route === 'ipc60A') return 'ocda';
  if (route === 'dso61A') return 'dsoOral';
  return null;
}

/** The decisions a SPOC records for OCDA, in the form's order. */
export const OCDA_OUTCOMES = ['GRANT', 'REFUSE', 'REQUEST_MORE_INFO'] as const satisfies readonly ApplicationEventType[];
export type OcdaOutcome = (typeof OCDA_OUTCOMES)[number];

/** The form's fields by id (the id of each is the DTO path of what it carries, src/web/web-exception.filter.ts `fieldId`). */
export const DECISION_FIELDS = {
  outcome: 'outcome',
  ocdaReference: 'decision-ocdaReference',
  deciderName: 'decision-deciderName',
  deciderId: 'decision-deciderId',
  officeRank: 'decision-officeRank',
  decidedAt: 'decision-decidedAt',
  rationale: 'decision-rationale',
  conductAuthorised: 'decision-conductAuthorised',
  conditions: 'decision-conditions',
  sensitiveProfessionConsideration: 'decision-sensitiveProfessionConsideration',
  imminentThreat: 'decision-findings-imminentThreatToLife-reasons',
  spocNotConsulted: 'decision-findings-spocNotConsulted-reasons',
  independenceDeclaration: 'decision-independenceDeclaration',
  exceptionalCircumstancesOverride: 'decision-exceptionalCircumstancesOverride',
  reason: 'reason',
  question: 'question',
} as const;

const F = DECISION_FIELDS;

/** The findings the form carries, each only when its reasons are given (a finding without reasons is the guards' to refuse, not to invent). */
function findings(body: Record<string, unknown>): Record<string, { reasons: string }> | null {
  const found: Record<string, { reasons: string }> = {};
  const threat = answer(body, F.imminentThreat);
  const spoc = answer(body, F.spocNotConsulted);
  if (threat) found.imminentThreatToLife = { reasons: threat };
  if (spoc) found.spocNotConsulted = { reasons: spoc };
  return Object.keys(found).length ? found : null;
}

/**
 * OCDA's decision as the event `POST /applications/:id/events` takes it: OCDA's reference, the authorising
 * officer's name, office and the time they decided on every outcome; with a grant its rationale, the conduct
 * authorised and what else the form gives; a refusal's reasons, or OCDA's question.
 */
export function ocdaDecisionEvent(outcome: OcdaOutcome, body: Record<string, unknown>, decidedAt: string | null): Record<string, unknown> {
  const decision: Record<string, unknown> = {
    ocdaReference: answer(body, F.ocdaReference),
    deciderName: answer(body, F.deciderName),
    officeRank: answer(body, F.officeRank),
    decidedAt,
  };
  if (outcome === 'REFUSE') return { type: 'REFUSE', reason: answer(body, F.reason), decision };
  if (outcome === 'REQUEST_MORE_INFO') return { type: 'REQUEST_MORE_INFO', question: answer(body, F.question), decision };
  return {
    type: 'GRANT',
    decision: {
      ...decision,
      rationale: answer(body, F.rationale),
      conductAuthorised: answer(body, F.conductAuthorised),
      conditions: answer(body, F.conditions),
      sensitiveProfessionConsideration: answer(body, F.sensitiveProfessionConsideration),
      findings: findings(body),
    },
  };
}

/**
 * A DSO's oral urgent grant as the event takes it: oral, the DSO who granted by their person id, when they
 * granted, their office, their reasons and the conduct authorised, their declaration of independence (or the
 * exceptional circumstances in which they need not be independent) and their findings.
 */
export function dsoOralGrantEvent(body: Record<string, unknown>, decidedAt: string | null): Record<string, unknown> {
  return {
    type: 'GRANT',
    decision: {
      oral: true,
      deciderId: answer(body, F.deciderId),
      decidedAt,
      officeRank: answer(body, F.officeRank),
      rationale: answer(body, F.rationale),
      conductAuthorised: answer(body, F.conductAuthorised),
      conditions: answer(body, F.conditions),
      independenceDeclaration: answer(body, F.independenceDeclaration) === 'yes' ? true : null,
      exceptionalCircumstancesOverride: answer(body, F.exceptionalCircumstancesOverride),
      sensitiveProfessionConsideration: answer(body, F.sensitiveProfessionConsideration),
      findings: findings(body),
    },
  };
}
