import type { ApplicationEventType } from '../../workflow/application.types';

/** A written answer a closing step asks for, named as the event's payload field (docs/architecture.md §7.1). */
export interface ClosingField {
  name: 'reason' | 'granterUnavailable';
  label: string;
  hint: string;
}

/** One step that ends an authorised application's life: its event, its words, and what it asks for. */
export interface ClosingStep {
  event: ApplicationEventType;
  title: string;
  intro: string;
  warning: string | null;
  fields: readonly ClosingField[];
  button: string;
  /** The record page's banner afterwards (`?done=`, src/web/record/application-page.controller.ts). */
  done: string;
}

/**
 * The closing steps by slug (docs/web.md §1). CANCEL's `granterUnavailable` is for a DSO cancelling what another DSO
 * granted (IPA s.65(5)); anyone else leaves it empty and the guard decides whether it was needed.
 */
export const CLOSING_STEPS = {
  'product-issued': {
    event: 'ISSUE_PRODUCT',
    title: 'Record that the product has been issued',
    intro:
      'Do this once every request to an operator has ended and been checked and the final product has been issued. The applicant can then record the use made of the data.',
    warning: null,
    fields: [],
    button: 'Record the product issued',
    done: 'productIssued',
  },
  cancel: {
    event: 'CANCEL',
    title: 'Cancel the authorisation',
    intro: 'Cancel it as soon as it is no longer necessary or proportionate (IPA s.65). Requests still with operators must then be withdrawn.',
    warning: 'A cancelled authorisation cannot be used again.',
    fields: [
      { name: 'reason', label: 'Why it is no longer necessary or proportionate', hint: 'This goes on the application’s record.' },
      { name: 'granterUnavailable', label: 'If you did not grant it: why the officer who did is not available (optional)', hint: 'A DSO may cancel another DSO’s grant only when that DSO is not available (IPA s.65(5)).' },
    ],
    button: 'Cancel the authorisation',
    done: 'cancelled',
  },
  'request-cancellation': {
    event: 'REQUEST_CANCELLATION',
    title: 'Ask for the authorisation to be cancelled',
    intro: 'Say why you think it is no longer necessary or proportionate. Whoever may cancel it will see your request.',
    warning: null,
    fields: [{ name: 'reason', label: 'Why it should be cancelled', hint: 'This goes on the application’s record.' }],
    button: 'Ask for it to be cancelled',
    done: 'cancellationRequested',
  },
  close: {
    event: 'CLOSE',
    title: 'Close the application',
    intro: 'Closing ends the application’s life: nothing more can be acquired or issued under it.',
    warning: 'This cannot be undone.',
    fields: [{ name: 'reason', label: 'Why you are closing it', hint: 'This goes on the application’s record.' }],
    button: 'Close the application',
    done: 'closed',
  },
} as const satisfies Record<string, ClosingStep>;
