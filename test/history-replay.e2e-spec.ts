/**
 * `…/history/verify` and `npm run verify-archive` replay every transition through the production machine
 * (issue 21, item 1; docs/architecture.md §11, "Verification"). On SQLite and, with DATABASE_URL, on PostgreSQL.
 *
 * Each test plays an insider who rewrites a record's chain consistently — the rows changed, every hash and link
 * recomputed, the record's head moved, and where the record's state changes, its stored status and the row digest
 * made to match — so the chain's own check and the stored-row check both pass. What is left to catch it is the
 * replay: the states must follow from one row to the next, only a transition may move them, and each transition's
 * recorded guard inputs must give, through the machine this build runs, the state and the guard inputs recorded.
 */
import canonicalize from 'canonicalize';
import { digestFields } from '../src/database/hash-chain';
import type { StoredHistoryRow } from '../src/database/checkpoints/history-rows';
import { type AppRecord, createApplication, GRANT_DECISION, SPOC_SECTION, step } from './support/applications';
import { archiveChecker } from './support/archive-check';
import { chainRows, type HistoryTable, rewriteChain } from './support/chain-rewrite';
import { createError, errorStep, verifyError } from './support/errors-http';
import { rawSql, verifyOf, type VerifyBody } from './support/lifecycle-http';
import { cspIds, sentRequests } from './support/returns-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

/** Created, SUBMIT_TO_SPOC, SUBMIT_FOR_AUTHORISATION, GRANT: four rows. */
async function granted(t: TestApp): Promise<AppRecord> {
  let app = await step(t, 'applicant', await createApplication(t), { type: 'SUBMIT_TO_SPOC' });
  app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
  return step(t, 'ocda', app, { type: 'GRANT', decision: GRANT_DECISION });
}

/** The row's guard inputs with `change` made to them. */
function guardInputsWith(row: StoredHistoryRow, change: (inputs: Record<string, unknown>) => void): Pick<StoredHistoryRow, 'guardInputs'> {
  const inputs = JSON.parse(String(row.guardInputs)) as Record<string, unknown>;
  change(inputs);
  return { guardInputs: canonicalize(inputs) ?? null };
}

/**
 * The record's last transition made to record `state` instead, consistently: the row's `to_state` and its row digest's
 * status, the record's stored status, every hash after it and the head.
 */
async function forgeLastState(t: TestApp, table: HistoryTable, aggregateTable: string, id: string, state: string): Promise<StoredHistoryRow> {
  const rows = await chainRows(t, table, id);
  const last = rows[rows.length - 1];
  const digest = { ...(JSON.parse(String(last.rowDigest)) as Record<string, string>), status: digestFields({ status: state }).status };
  await rewriteChain(t, table, id, (row) => (row.seq === last.seq ? { toState: state, rowDigest: canonicalize(digest) ?? null } : {}));
  await rawSql(t, `UPDATE ${aggregateTable} SET status = $1 WHERE id = $2`, [state, id]);
  return last;
}

const brokenAt = (row: StoredHistoryRow, rows: number, reason: string): VerifyBody => ({ valid: false, rows, firstBroken: { seq: row.seq, position: row.position, reason } });

describe(`verify replays every transition through the production machine (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a GRANT rewritten to have refused, the record and every hash made to match: verify and verify-archive name that row, which nothing else catches', async () => {
    const checker = await archiveChecker(t);
    try {
      const app = await granted(t);
      expect(await verifyOf(t, 'spoc', app.id)).toMatchObject({ valid: true, rows: 4 });
      expect((await checker.check(await checker.archive('intact.sqlite'))).code).toBe(0);

      const grant = await forgeLastState(t, 'application_event', 'application', app.id, 'refused');
      const reason = 'replaying GRANT from awaitingAuthorisation reaches authorised, but the row records refused';
      expect(await verifyOf(t, 'spoc', app.id)).toEqual(brokenAt(grant, 4, reason));
      const archived = await checker.check(await checker.archive('forged.sqlite'));
      expect(archived.code).toBe(1);
      expect(archived.out).toContain(`Chain of ${app.id} in application_event is broken at position 4 (seq ${grant.seq}): ${reason}.`);
    } finally {
      checker.remove();
    }
  }, 120_000);

  it('guard inputs rewritten so that the sender could not have sent the event: named as refused on replay', async () => {
    const app = await granted(t);
    const rows = await rewriteChain(t, 'application_event', app.id, (row) =>
      row.eventType === 'SUBMIT_FOR_AUTHORISATION' ? guardInputsWith(row, (i) => ((i.actor as { roles: string[] }).roles = ['applicant'])) : {},
    );
    expect(await verifyOf(t, 'spoc', app.id)).toEqual(
      brokenAt(rows[2], 4, 'replaying SUBMIT_FOR_AUTHORISATION from spocReview is refused (the sender’s role), so the recorded transition does not follow from its inputs'),
    );
  });

  it('a branch the guards did not take recorded as taken: named by the guard inputs that differ', async () => {
    const app = await granted(t);
    const rows = await rewriteChain(t, 'application_event', app.id, (row) =>
      row.eventType === 'GRANT' ? guardInputsWith(row, (i) => (i.journalisticSourceBranch = true)) : {},
    );
    expect(await verifyOf(t, 'spoc', app.id)).toEqual(brokenAt(rows[3], 4, 'replaying GRANT from awaitingAuthorisation gives other guard inputs than recorded: journalisticSourceBranch'));
  });

  it('a row of a machine version this build has no migration path from: refused with a clear reason', async () => {
    const app = await granted(t);
    const rows = await rewriteChain(t, 'application_event', app.id, (row) => (row.position === 2 ? { machineVersion: '0' } : {}));
    expect(await verifyOf(t, 'spoc', app.id)).toEqual(
      brokenAt(rows[1], 4, 'it was recorded under application machine version 0, and this build (version 5) has no migration path from it, so it cannot be replayed'),
    );
  });

  it('a transition passed off as an edit, and a row that does not start where the one before left the record', async () => {
    const edit = await granted(t);
    const edited = await rewriteChain(t, 'application_event', edit.id, (row) => (row.position === 2 ? { kind: 'edited' } : {}));
    expect(await verifyOf(t, 'spoc', edit.id)).toEqual(brokenAt(edited[1], 4, 'an edited row moves the record from draft to spocReview, which only a transition may do'));

    const skip = await granted(t);
    const skipped = await rewriteChain(t, 'application_event', skip.id, (row) => (row.position === 3 ? { fromState: 'draft' } : {}));
    expect(await verifyOf(t, 'spoc', skip.id)).toEqual(brokenAt(skipped[2], 4, 'it starts from draft, but the row before left the record spocReview (row altered)'));
  });

  it('CD errors: an ASSESS rewritten to have closed the entry is named', async () => {
    const entry = await errorStep(t, 'spoc', await createError(t, 'spoc'), { type: 'ASSESS', kind: 'recordableError' });
    expect(await verifyError(t, 'sro', entry.id)).toMatchObject({ valid: true, rows: 2 });
    const assess = await forgeLastState(t, 'cd_error_event', 'cd_error', entry.id, 'closed');
    expect(await verifyError(t, 'sro', entry.id)).toEqual(brokenAt(assess, 2, `replaying ASSESS from recorded reaches ${entry.status}, but the row records closed`));
  });

  it('disclosure requests: a SEND rewritten to have cancelled the request is named', async () => {
    const { mobile } = await sentRequests(t, await cspIds(t));
    const verify = async () => (await t.http().get(`/disclosure-requests/${mobile.id}/history/verify`).set('authorization', `Bearer ${await t.token('spoc')}`).expect(200)).body as VerifyBody;
    expect(await verify()).toMatchObject({ valid: true, rows: 2 });
    const send = await forgeLastState(t, 'disclosure_request_event', 'disclosure_request', mobile.id, 'cancelled');
    expect(await verify()).toEqual(brokenAt(send, 2, `replaying SEND from pending reaches ${mobile.status}, but the row records cancelled`));
  });
});
