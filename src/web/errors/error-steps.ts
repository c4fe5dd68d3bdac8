import { EDITABLE_STATES } from '../../errors/public-api';
import type { CdErrorEventType } from '../../workflow/cd-error.types';
import { EVENT_FIELDS as E, IPC_REPORT_FIELDS, RECORD_FIELDS, type ErrorField } from './error-fields';

/**
 * One page of a register entry's steps (docs/law.md §4.4; docs/architecture.md §7.3): the event it sends (or
 * `edit`, the API's PATCH of the report), its words, and the questions it asks.
 */
export interface ErrorStep {
  slug: string;
  event: CdErrorEventType | 'edit';
  title: string;
  intro: string;
  button: string;
  /** Said before a step that cannot be undone. */
  warning: string | null;
  fields: readonly ErrorField[];
  /** Said on the entry's page after the step, as a success banner. */
  done: string;
}


const STEPS: readonly ErrorStep[] = [
  {
    slug: 'record',
    event: 'RECORD',
    title: 'Record the error',
    intro: 'A suspected error becomes an entry of the register when what makes a record is known (CoP 6.20).',
    button: 'Record the error',
    warning: null,
    fields: RECORD_FIELDS,
    done: 'Error recorded',
  },
  {
    slug: 'dismiss',
    event: 'DISMISS',
    title: 'Dismiss as not an error',
    intro: 'The register keeps the entry and your reason, so an inspector can see what was considered.',
    button: 'Dismiss as not an error',
    warning: 'This cannot be undone.',
    fields: [E.dismissReason],
    done: 'Dismissed as not an error',
  },
  {
    slug: 'assess',
    event: 'ASSESS',
    title: 'Assess the error',
    intro: 'Say what kind of error it is. A relevant error’s 10 working days to report it run from when it was established.',
    button: 'Save the assessment',
    warning: null,
    fields: [E.kind],
    done: 'Error assessed',
  },
  {
    slug: 'edit',
    event: 'edit',
    title: 'Change the report',
    intro: 'The report can be changed until it is reported to the IPC or closed. What makes a record cannot be left out.',
    button: 'Save the report',
    warning: null,
    fields: [...RECORD_FIELDS, ...IPC_REPORT_FIELDS],
    done: 'Report changed',
  },
  {
    slug: 'sight',
    event: 'SIGHT',
    title: 'Record that you have sighted the error',
    intro: 'As the senior responsible officer you confirm you have seen the error and its report.',
    button: 'Record the sighting',
    warning: null,
    fields: [],
    done: 'Sighting recorded',
  },
  {
    slug: 'extension',
    event: 'AGREE_EXTENSION',
    title: 'Record an extension agreed with the IPC',
    intro: 'Only the IPC can agree a later date for a relevant error’s report.',
    button: 'Record the extension',
    warning: null,
    fields: [E.agreedDueAt, E.ipcAgreementReference, E.extensionReason],
    done: 'Extension recorded',
  },
  {
    slug: 'initial-notification',
    event: 'NOTIFY_IPC_INITIAL',
    title: 'Make the initial notification to the IPC',
    intro: 'When the full facts cannot be reported in time, tell the IPC what is known now. The full report keeps its due date.',
    button: 'Record the initial notification',
    warning: null,
    fields: [E.whatIsKnown, E.whyFullReportNotReady, E.fullReportExpectedBy],
    done: 'Initial notification recorded',
  },
  {
    slug: 'report',
    event: 'REPORT_TO_IPC',
    title: 'Report the error to the IPC',
    intro: 'Complete the report. When it is sent, download the report as a PDF for the IPC from the error’s page.',
    button: 'Report to the IPC',
    warning: 'Check the report: it cannot be changed once reported.',
    fields: IPC_REPORT_FIELDS,
    done: 'Reported to the IPC',
  },
  {
    slug: 'close',
    event: 'CLOSE',
    title: 'Close the error',
    intro: 'A recordable error is closed without a report to the IPC; it stays in the register.',
    button: 'Close the error',
    warning: 'This cannot be undone.',
    fields: [],
    done: 'Error closed',
  },
  {
    slug: 'ipc-response',
    event: 'RECORD_IPC_RESPONSE',
    title: 'Record the IPC’s response',
    intro: 'What the IPC decided to do about the report.',
    button: 'Record the response',
    warning: null,
    fields: [E.ipcResponse, E.ipcReference],
    done: 'The IPC’s response recorded',
  },
  {
    slug: 'submissions-request',
    event: 'RECORD_SUBMISSIONS_REQUEST',
    title: 'Record the IPC’s request for submissions',
    intro: 'Before deciding whether the error is serious, the IPC asks the authority for its submissions (IPA 2016 s.231(5)).',
    button: 'Record the request',
    warning: null,
    fields: [E.requestedAt, E.respondBy],
    done: 'The IPC’s request for submissions recorded',
  },
  {
    slug: 'submissions',
    event: 'RECORD_SUBMISSIONS',
    title: 'Record the authority’s submissions',
    intro: 'What the authority said to the IPC, and when.',
    button: 'Record the submissions',
    warning: null,
    fields: [E.submissionsText, E.madeAt],
    done: 'Submissions recorded',
  },
  {
    slug: 'determination',
    event: 'RECORD_DETERMINATION',
    title: 'Record the IPC’s determination',
    intro: 'Whether the IPC found the error serious, and whether the person concerned was informed (IPA 2016 s.231).',
    button: 'Record the determination',
    warning: 'Recording the determination closes the error.',
    fields: [E.serious, E.personInformed, E.determinationNotes],
    done: 'Determination recorded',
  },
  {
    slug: 'investigation-outcome',
    event: 'RECORD_INVESTIGATION_OUTCOME',
    title: 'Record the outcome of the IPC’s investigation',
    intro: 'The IPC investigated the operator’s error; recording its outcome closes the error.',
    button: 'Record the outcome',
    warning: null,
    fields: [E.investigationOutcome],
    done: 'Investigation outcome recorded',
  },
];

const BY_SLUG = new Map(STEPS.map((step) => [step.slug, step]));

/** The step page at `slug`, or null (a path no page has). */
export function stepAt(slug: string): ErrorStep | null {
  return BY_SLUG.get(slug) ?? null;
}

/** Whether an entry's report may be edited now: the service's own list (src/errors EDITABLE), which it refuses an edit by. */
export function editable(status: string): boolean {
  return (EDITABLE_STATES as readonly string[]).includes(status);
}

/** The pages offered for the events `allowed`, in the register's order, and the edit page while the report may change. */
export function stepsFor(allowed: readonly string[], status: string): ErrorStep[] {
  return STEPS.filter((step) => (step.event === 'edit' ? editable(status) : allowed.includes(step.event)));
}

/** The title of the page that sends `event`, to name a blocked step as the page would. */
export function stepTitleFor(event: string): string | null {
  return STEPS.find((step) => step.event === event)?.title ?? null;
}
