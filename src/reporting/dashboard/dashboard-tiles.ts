/**
 * The manager's dashboard in words (docs/statistics.md §5): which tiles there are, in the order a screen
 * shows them, with the title and the definition a manager reads. Pure data.
 */
import type { DashboardSettings } from './dashboard-thresholds';

export const DASHBOARD_TILE_IDS = [
  'openApplications',
  'requestsWaitingOnCsp',
  'errorReportsDueSoon',
  'errorReportsOverdue',
  'initialNotificationsAwaitingFullReport',
  'authorisationsEndingSoon',
  'cancellationRequestsOpen',
  'writtenRecordsOverdue',
] as const;
export type DashboardTileId = (typeof DASHBOARD_TILE_IDS)[number];

/** What a record listed by a tile is. */
export const DASHBOARD_RECORD_TYPES = ['application', 'disclosureRequest', 'errorEntry'] as const;
export type DashboardRecordType = (typeof DASHBOARD_RECORD_TYPES)[number];

/** What the instant `at` of a listed record is. */
export const DASHBOARD_AT_MEANINGS = ['enteredState', 'cspExpectedBy', 'reportDueBy', 'fullReportPromisedBy', 'authorisationEnds', 'firstRequestedAt', 'writtenRecordDueBy'] as const;
export type DashboardAtMeaning = (typeof DASHBOARD_AT_MEANINGS)[number];

export interface DashboardTileWords {
  title: string;
  definition: string;
  /** What every record the tile lists is. */
  recordType: DashboardRecordType;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** Each tile's title and definition, with the settings the dashboard counts with. */
export function tileWords(settings: DashboardSettings): Readonly<Record<DashboardTileId, DashboardTileWords>> {
  const wait = plural(settings.cspWaitWorkingDays, 'working day', 'working days');
  const soon = plural(settings.errorsDueWithinWorkingDays, 'working day', 'working days');
  const ending = plural(settings.expiringWithinCalendarDays, 'day', 'days');
  return {
    openApplications: {
      title: 'Open applications',
      definition:
        'Applications of your authority that the workflow can still move on: from a draft to an authorisation cancelled or expired but not yet closed. ' +
        'Each is counted under its state and under how long it has been in that state, in working days after the day it entered it, up to and including today.',
      recordType: 'application',
    },
    requestsWaitingOnCsp: {
      title: `Requests waiting on a CSP for more than ${wait}`,
      definition:
        `Requests to a CSP not yet answered in full (sent, acknowledged or partly disclosed) once the ${wait} after the day they were sent have ended.`,
      recordType: 'disclosureRequest',
    },
    errorReportsDueSoon: {
      title: `Error reports due to the IPC within ${soon}`,
      definition:
        `Register entries whose report to the IPC is still owed (assessed or sighted by the SRO) and falls due today or within the next ${soon}, ` +
        'by the date agreed with the IPC where there is one. Not yet overdue.',
      recordType: 'errorEntry',
    },
    errorReportsOverdue: {
      title: 'Error reports to the IPC overdue',
      definition:
        'Register entries whose report to the IPC is still owed (assessed or sighted by the SRO) after the due date that applies: ' +
        'the end of the last working day allowed after the error was established (ten, unless the authority allows fewer), or the date agreed with the IPC.',
      recordType: 'errorEntry',
    },
    initialNotificationsAwaitingFullReport: {
      title: 'Initial notifications awaiting the full report',
      definition: 'Register entries of which the IPC has had an initial notification and not yet the full report.',
      recordType: 'errorEntry',
    },
    authorisationsEndingSoon: {
      title: `Authorisations ending within ${ending}`,
      definition:
        `Authorisations in force (authorised, not cancelled) that end after now and by the end of the ${ordinal(settings.expiringWithinCalendarDays)} day after today, London time.`,
      recordType: 'application',
    },
    cancellationRequestsOpen: {
      title: 'Requests to cancel not acted on',
      definition:
        'Authorisations still in force on which someone who may not cancel them has asked for their cancellation, and which have not been cancelled since.',
      recordType: 'application',
    },
    writtenRecordsOverdue: {
      title: 'Written records of oral grants overdue',
      definition: 'Oral urgent grants whose written record was due and has not been made.',
      recordType: 'application',
    },
  };
}
