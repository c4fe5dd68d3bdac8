/**
 * What a register entry offers a caller (docs/architecture.md §7, blocked events): `allowedEvents` only
 * what they can send now, and under `blockedEvents` what their state and role allow but a rule refuses
 * whatever the payload — and the engine refuses those with exactly that rule.
 */
import type { ActorFacts } from './core/actor';
import { cdErrorEngine } from './cd-error.engine';
import type { CdErrorFacts } from './cd-error.guards';
import type { CdErrorKind, CdErrorState } from './cd-error.types';
import { NOW, POLICE, RECORD_REPORT, otherForceSro, spoc, sro } from '../../test/support/cd-error-fixtures';
import { CD_ERROR_UNDER_TEST } from '../../test/support/workflow-arbitraries';
import { describeBlockedEventsAgree } from '../../test/support/workflow-properties';

function eventsFor(state: CdErrorState, kind: CdErrorKind | null, actor: ActorFacts) {
  const error: CdErrorFacts = { id: 'err-1', authorityId: POLICE, status: state, kind, report: RECORD_REPORT, reportDueAt: null, agreedDueAt: null, ipc: {} };
  return cdErrorEngine.eventsFor(state, { error, actor, now: NOW });
}

describe('cdErrorEngine.eventsFor', () => {
  it('offers a sighted relevant error its report to the IPC, an initial notification and an extension, and blocks closing it', () => {
    expect(eventsFor('sroSighted', 'relevantError', sro)).toEqual({
      allowedEvents: ['AGREE_EXTENSION', 'NOTIFY_IPC_INITIAL', 'REPORT_TO_IPC'],
      blockedEvents: [{ event: 'CLOSE', code: 'CLOSE_ONLY_RECORDABLE', message: 'a relevant or operator error must be reported to the IPC' }],
    });
  });

  it('offers a sighted recordable error only closing, saying why the others are blocked', () => {
    expect(eventsFor('sroSighted', 'recordableError', sro)).toEqual({
      allowedEvents: ['CLOSE'],
      blockedEvents: [
        { event: 'AGREE_EXTENSION', code: 'EXTENSION_ONLY_FOR_RELEVANT_ERRORS', message: 'only a relevant error has a report deadline to extend' },
        { event: 'NOTIFY_IPC_INITIAL', code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', message: 'only relevant and operator errors are reported to the IPC' },
        { event: 'REPORT_TO_IPC', code: 'REPORT_ONLY_RELEVANT_OR_OPERATOR', message: 'only relevant and operator errors are reported to the IPC' },
      ],
    });
  });

  it('blocks everything for an SRO of another authority', () => {
    const notYours = { code: 'NOT_AUTHORITY_ERROR_OFFICER', message: "the sender does not serve the error's authority" };
    expect(eventsFor('assessed', 'relevantError', otherForceSro)).toEqual({
      allowedEvents: [],
      blockedEvents: [
        { event: 'SIGHT', ...notYours },
        { event: 'AGREE_EXTENSION', ...notYours },
        { event: 'NOTIFY_IPC_INITIAL', ...notYours },
        { event: 'CLOSE', ...notYours },
        { event: 'REPORT_TO_IPC', ...notYours },
      ],
    });
  });

  it('blocks a second initial notification, saying it was made', () => {
    const notified = { whatIsKnown: 'k', whyFullReportNotReady: 'w', fullReportExpectedBy: '2027-01-15T17:00:00+00:00', recordedAt: '2026-12-20T10:00:00.000Z', recordedBy: sro.id };
    const error: CdErrorFacts = { id: 'err-1', authorityId: POLICE, status: 'assessed', kind: 'relevantError', report: RECORD_REPORT, reportDueAt: null, agreedDueAt: null, ipc: { initialNotification: notified } };
    expect(cdErrorEngine.eventsFor('assessed', { error, actor: sro, now: NOW }).blockedEvents).toEqual([
      { event: 'NOTIFY_IPC_INITIAL', code: 'INITIAL_NOTIFICATION_ALREADY_MADE', message: 'the initial notification has already been made' },
      { event: 'CLOSE', code: 'CLOSE_ONLY_RECORDABLE', message: 'a relevant or operator error must be reported to the IPC' },
    ]);
  });

  it('keeps events allowed that only the payload can fail (a kind, a reason)', () => {
    expect(eventsFor('recorded', null, spoc)).toEqual({ allowedEvents: ['DISMISS', 'ASSESS'], blockedEvents: [] });
  });
});

describeBlockedEventsAgree(CD_ERROR_UNDER_TEST);
