import type { Principal } from '../../auth/principal';
import type { ApplicationEventType } from '../../workflow/application.types';
import { WEB_PREFIX } from '../web-paths';

/** A next step the record page offers: a link to the page that sends the event. */
export interface RecordAction {
  event: ApplicationEventType;
  text: string;
  href: string;
}

/**
 * The page each event is sent from, by slug under `/web/applications/:id/` (docs/web.md). A SPOC who may send
 * GRANT or REFUSE records a decision made elsewhere (OCDA's system, a DSO's oral grant); an authoriser makes
 * their own. EXPIRE, which only the scheduler sends, has no page.
 */
function pageFor(event: ApplicationEventType, principal: Principal): { slug: string; text: string } | null {
  const recording = principal.roles.includes('spoc') && !principal.roles.some((r) => r === 'ocda' || r === 'dso' || r === 'jc');
  switch (event) {
    case 'SUBMIT_TO_SPOC':
      return { slug: 'check-answers', text: 'Check your answers and submit to the SPOC' };
    case 'RESUBMIT':
      return { slug: 'check-answers', text: 'Check your answers and resubmit to the SPOC' };
    case 'WITHDRAW':
      return { slug: 'withdraw', text: 'Withdraw the application' };
    case 'RECORD_OUTCOME':
      return { slug: 'outcome', text: 'Record the use made of the data' };
    case 'RETURN_TO_APPLICANT':
      return { slug: 'return', text: 'Return it to the applicant' };
    case 'DECLINE':
      return { slug: 'decline', text: 'Decline it' };
    case 'SUBMIT_FOR_AUTHORISATION':
      return { slug: 'send-for-authorisation', text: 'Record your advice and send it for authorisation' };
    case 'GRANT':
      return recording ? { slug: 'record-decision', text: 'Record a decision made by OCDA or a DSO' } : { slug: 'decide', text: 'Make your decision' };
    case 'REFUSE':
    case 'REQUEST_MORE_INFO':
      return recording ? { slug: 'record-decision', text: 'Record a decision made by OCDA or a DSO' } : { slug: 'decide', text: 'Make your decision' };
    case 'JC_APPROVE':
    case 'JC_REFUSE':
      return { slug: 'judicial-decision', text: 'Make the Judicial Commissioner’s decision' };
    case 'RECORD_WRITTEN':
      return { slug: 'written-record', text: 'Make the written record of the oral grant' };
    case 'ISSUE_PRODUCT':
      return { slug: 'product-issued', text: 'Record that the product has been issued' };
    case 'CANCEL':
      return { slug: 'cancel', text: 'Cancel the authorisation' };
    case 'REQUEST_CANCELLATION':
      return { slug: 'request-cancellation', text: 'Ask for the authorisation to be cancelled' };
    case 'CLOSE':
      return { slug: 'close', text: 'Close the application' };
    default:
      return null;
  }
}

/** The pages offered for the events `allowed` (each page once, in the order of the first event it serves). */
export function actionsFor(applicationId: string, allowed: readonly ApplicationEventType[], principal: Principal): RecordAction[] {
  const seen = new Set<string>();
  const actions: RecordAction[] = [];
  for (const event of allowed) {
    const page = pageFor(event, principal);
    if (!page || seen.has(page.slug)) continue;
    seen.add(page.slug);
    actions.push({ event, text: page.text, href: `${WEB_PREFIX}/applications/${applicationId}/${page.slug}` });
  }
  return actions;
}
