/**
 * Application guards for a subject in a profession that handles privileged or confidential information
 * (docs/law.md §3.3 sensitive professions; IPA Sch 7 para 2(1)(b); CoP15 3.72–3.77): the applicant draws
 * attention to it and weighs it, the SPOC's advice addresses it, and the decision says how it was weighed,
 * so the record shows at each step that the person answerable saw it. Import through application.guards.ts.
 * Every exported function carries TSDoc citing docs/law.md and has a `describe('<name>')` block in
 * application-guards.sensitive-profession.spec.ts (application.guards.meta.spec.ts).
 */
import { hasText } from './guard-support';
import { APPLICATION_RULE_CODES as C, type GuardFailure } from './application-guards.rule-codes';
import type { GuardInput } from './application-guards.facts';
import { fail } from './application-guards.support';

function professionNamed(input: GuardInput): boolean {
  const profession = input.application.form.sensitiveProfession;
  return profession !== null && profession !== undefined;
}

/**
 * When the form names a sensitive profession, the applicant says how it bears on necessity, proportionality
 * and collateral intrusion (`form.sensitiveProfessionConsiderations`): the Code asks the applicant to draw
 * attention to it and give it special consideration (docs/law.md §3.3 sensitive professions; CoP15 3.72–3.77).
 * That a journalist subject must also answer the journalistic-source question is `formComplete`'s rule: the
 * question is required on every form.
 */
export function sensitiveProfessionAddressed(input: GuardInput): GuardFailure | null {
  if (!professionNamed(input) || hasText(input.application.form.sensitiveProfessionConsiderations)) return null;
  return fail(
    C.SENSITIVE_PROFESSION_NOT_ADDRESSED,
    "the subject's profession is named: say how it bears on necessity, proportionality and collateral intrusion",
    ['sensitiveProfessionConsiderations'],
  );
}

/**
 * When the form names a sensitive profession, the SPOC's advice addresses it (`spoc.sensitiveProfessionAdvice`,
 * in the event or already on the record) before the application goes to the authoriser (docs/law.md §3.3
 * sensitive professions; §3.6; IPA s.76(5)–(6); CoP15 3.72–3.77).
 */
export function spocAdvisesOnSensitiveProfession(input: GuardInput): GuardFailure | null {
  if (!professionNamed(input)) return null;
  const advice = input.event.spoc?.sensitiveProfessionAdvice ?? input.application.spocSection?.sensitiveProfessionAdvice;
  return hasText(advice)
    ? null
    : fail(
        C.SENSITIVE_PROFESSION_NOT_ADVISED,
        "the subject's profession is named: the SPOC's advice must address it",
        ['spoc.sensitiveProfessionAdvice'],
      );
}

/**
 * When the form names a sensitive profession, a grant says how the decider weighed it
 * (`decision.sensitiveProfessionConsideration`), however the grant arrives (docs/law.md §3.3 sensitive
 * professions; §3.7; CoP15 3.72–3.77).
 */
export function decisionConsidersSensitiveProfession(input: GuardInput): GuardFailure | null {
  if (!professionNamed(input) || hasText(input.event.decision?.sensitiveProfessionConsideration)) return null;
  return fail(
    C.SENSITIVE_PROFESSION_NOT_CONSIDERED,
    "the subject's profession is named: the decision must say how it was weighed",
    ['decision.sensitiveProfessionConsideration'],
  );
}
