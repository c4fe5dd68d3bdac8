import { cancellationDutyFor } from './cancellation-duty';
import type { DisclosureProgress } from './disclosure-facts.reader';

const NOW = new Date('2026-03-03T12:00:00.000Z');
const FINISHED_AT = new Date('2026-03-03T11:30:00.000Z');
const row = { status: 'authorised' as const, expiresAt: new Date('2026-04-01T22:59:59.999Z'), grantedById: 'u-ocda' };
const facts = { disclosuresTerminalAndChecked: false, finalProductIssued: false, dataReceivedBeforeEnd: false };
const finished: DisclosureProgress = { facts, requests: 2, allFinishedAt: FINISHED_AT };
const spoc = { id: 'u-spoc', roles: ['spoc' as const] };

describe('cancellationDutyFor', () => {
  it('tells the SPOC and the person who granted it once every request has finished', () => {
    const duty = { since: FINISHED_AT.toISOString(), message: expect.stringContaining('IPA s.65') as string };
    expect(cancellationDutyFor(row, spoc, finished, NOW)).toEqual(duty);
    expect(cancellationDutyFor(row, { id: 'u-ocda', roles: ['ocda'] }, finished, NOW)).toEqual(duty);
  });

  it('says nothing to anyone else, before the last request finishes, with no request, or once the authorisation has ended', () => {
    expect(cancellationDutyFor(row, { id: 'u-applicant', roles: ['applicant'] }, finished, NOW)).toBeNull();
    expect(cancellationDutyFor(row, spoc, { ...finished, allFinishedAt: null }, NOW)).toBeNull();
    expect(cancellationDutyFor(row, spoc, { facts, requests: 0, allFinishedAt: null }, NOW)).toBeNull();
    expect(cancellationDutyFor(row, spoc, null, NOW)).toBeNull();
    expect(cancellationDutyFor({ ...row, status: 'cancelled' }, spoc, finished, NOW)).toBeNull();
    expect(cancellationDutyFor(row, spoc, finished, new Date(row.expiresAt.getTime() + 1))).toBeNull();
  });
});
