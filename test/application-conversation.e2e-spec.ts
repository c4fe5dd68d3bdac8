/**
 * What an application tells the people working on it (docs/architecture.md §7, §8, §11), over HTTP, on
 * SQLite and, with DATABASE_URL, on PostgreSQL:
 *
 * 1. The conversation: `GET /applications/:id` carries each submission, return (with its reasons), request
 *    for more information and its answer, and decision (with its reasons), with people by name and role,
 *    and times — so after a return the applicant sees why, from whom and when.
 * 2. The history: `GET /applications/:id/history` names people and says per row what changed, without
 *    repeating the form; the stored rows are unchanged and still verify.
 * 3. Honest events: `allowedEvents` only what the caller can send now; what state and role allow but a
 *    rule blocks whatever the payload is under `blockedEvents`, with the rule's code and words — and
 *    sending it is refused with exactly that rule.
 */
import type { Response } from 'supertest';
import { type AppRecord, completeForm, createApplication, DSO_SPOC_EXCEPTION, GRANT_DECISION, NATIONAL_SECURITY, patchApplication, sendEvent, SPOC_SECTION, step } from './support/applications';
import { historyOf, rawSql, userIds, verifyOf, type PersonItem } from './support/lifecycle-http';
import { createTestApp, isPostgres, type TestApp } from './support/test-app';

interface Blocked {
  event: string;
  code: string;
  message: string;
}
interface Entry {
  position: number;
  at: string;
  eventType: string;
  what: string;
  from: PersonItem;
  decider: PersonItem | null;
  notes: { label: string; text: string }[];
  inReplyTo: number | null;
  answeredBy: number | null;
  changedFields: string[];
}
interface Record_ extends AppRecord {
  blockedEvents: Blocked[];
  conversation: Entry[];
}

const RETURN_REASON = 'Explain why nine days of subscriber data are needed for a robbery on one day.';
const QUESTION = 'Why is the period nine days rather than one?';
const ANSWER = 'The phone was used for nine days after the robbery; each day may place the suspect.';
const URGENT_FORM = completeForm({
  route: 'dso61A',
  priorityGrade: 'grade1',
  urgencyJustification: 'A missing child at risk tonight.',
  exceptionalCircumstances: 'No SPOC on duty at 03:00.',
});

/** Roles' words (src/workflow/core/labels.ts), as the responses carry them. */
const ROLE_WORDS = { applicant: 'Applicant', spoc: 'SPOC', dso: 'Designated senior officer', ocda: 'OCDA authorising officer' } as const;

describe(`the record's conversation, history and blocked events (${isPostgres() ? 'PostgreSQL' : 'SQLite'})`, () => {
  let t: TestApp;
  let ids: Map<string, string>;
  const idOf = (u: string): string => ids.get(u) ?? '(unknown)';
  const person = (username: string, displayName: string, role: keyof typeof ROLE_WORDS): PersonItem => ({
    id: idOf(username),
    displayName,
    role,
    roleLabel: ROLE_WORDS[role],
  });

  beforeAll(async () => {
    t = await createTestApp();
    ids = await userIds(t, ['applicant', 'spoc', 'dso', 'ocda']);
  });
  afterAll(() => t.close());

  async function get(user: string, id: string): Promise<Record_> {
    const res = await t.http().get(`/applications/${id}`).set('authorization', `Bearer ${await t.token(user)}`);
    if (res.status !== 200) throw new Error(`GET ${id} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record_;
  }

  const patch = async (user: string, app: { id: string; version: number }, body: Record<string, unknown>): Promise<Record_> =>
    (await patchApplication(t, user, app, body)) as unknown as Record_;

  /** Sending each blocked event, with a payload giving every field a rule could ask for, is refused with the blocking rule and its words. */
  async function expectEachBlockedRefused(user: string, record: Record_): Promise<void> {
    for (const blocked of record.blockedEvents) {
      const res: Response = await sendEvent(t, user, record, {
        type: blocked.event,
        reason: 'A reason.',
        question: 'A question?',
        writtenRecord: 'Written up.',
        outcome: 'Used as planned.',
        spoc: SPOC_SECTION,
        decision: GRANT_DECISION,
      });
      expect({ event: blocked.event, code: res.body.code, detail: res.body.detail }).toEqual({ ...blocked, detail: blocked.message, message: undefined });
      expect([403, 422]).toContain(res.status);
    }
    expect((await get(user, record.id)).version).toBe(record.version);
  }

  /**
   * An ipc60A application the SPOC returns, the applicant amends and resubmits, OCDA asks about, the SPOC
   * answers, and OCDA grants: one history row a minute from 10:00.
   */
  async function returnedAnsweredGranted(): Promise<Record_> {
    t.clock.set('2026-03-02T10:00:00.000Z');
    let app = await createApplication(t);
    const next = async (user: string, body: Record<string, unknown>) => {
      t.clock.advance(60_000);
      app = await step(t, user, app, body);
    };
    await next('applicant', { type: 'SUBMIT_TO_SPOC' });
    await next('spoc', { type: 'RETURN_TO_APPLICANT', reason: RETURN_REASON, spoc: { returnReasons: ['Period not justified'] } });
    t.clock.advance(60_000);
    app = await patch('applicant', app, { proportionality: 'Nine days: the phone was used on each of them.' });
    await next('applicant', { type: 'RESUBMIT' });
    await next('spoc', { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
    await next('ocda', { type: 'REQUEST_MORE_INFO', question: QUESTION });
    await next('spoc', { type: 'SUBMIT_FOR_AUTHORISATION', spoc: { ...SPOC_SECTION, spocAdvice: ANSWER } });
    await next('ocda', { type: 'GRANT', decision: GRANT_DECISION });
    expect(app).toMatchObject({ status: 'authorised', version: 9 });
    return app as Record_;
  }

  describe('the conversation', () => {
    it('after a return the applicant’s GET shows the reason, by whom and when', async () => {
      t.clock.set('2026-03-02T10:00:00.000Z');
      let app = await createApplication(t);
      t.clock.advance(60_000);
      app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      t.clock.advance(60_000);
      await step(t, 'spoc', app, { type: 'RETURN_TO_APPLICANT', reason: RETURN_REASON, spoc: { returnReasons: ['Period not justified'] } });

      const seen = await get('applicant', app.id);
      expect(seen).toMatchObject({ status: 'returnedToApplicant', allowedEvents: ['WITHDRAW', 'RESUBMIT'], blockedEvents: [] });
      expect(seen.conversation).toEqual([
        {
          position: 2,
          at: '2026-03-02T10:01:00.000Z',
          eventType: 'SUBMIT_TO_SPOC',
          what: 'Submitted to the SPOC',
          from: person('applicant', 'DC Alex Applicant', 'applicant'),
          decider: null,
          notes: [],
          inReplyTo: null,
          answeredBy: null,
          changedFields: [],
        },
        {
          position: 3,
          at: '2026-03-02T10:02:00.000Z',
          eventType: 'RETURN_TO_APPLICANT',
          what: 'Returned to the applicant',
          from: person('spoc', 'Pat Spoc', 'spoc'),
          decider: null,
          notes: [
            { label: 'Reason', text: RETURN_REASON },
            { label: 'Return reason', text: 'Period not justified' },
          ],
          inReplyTo: null,
          answeredBy: null,
          changedFields: [],
        },
      ]);
    });

    it('links each answer to the return or request it answers, with what the applicant changed; decisions carry their reasons', async () => {
      const app = await returnedAnsweredGranted();
      const { conversation } = await get('applicant', app.id);
      expect(conversation.map((e) => [e.position, e.eventType, e.from.displayName, e.from.role, e.inReplyTo, e.answeredBy, e.changedFields])).toEqual([
        [2, 'SUBMIT_TO_SPOC', 'DC Alex Applicant', 'applicant', null, null, []],
        [3, 'RETURN_TO_APPLICANT', 'Pat Spoc', 'spoc', null, 5, []],
        [5, 'RESUBMIT', 'DC Alex Applicant', 'applicant', 3, null, ['proportionality']],
        [6, 'SUBMIT_FOR_AUTHORISATION', 'Pat Spoc', 'spoc', null, null, []],
        [7, 'REQUEST_MORE_INFO', 'Olivia OCDA Authorising Officer', 'ocda', null, 8, []],
        [8, 'SUBMIT_FOR_AUTHORISATION', 'Pat Spoc', 'spoc', 7, null, []],
        [9, 'GRANT', 'Olivia OCDA Authorising Officer', 'ocda', null, null, []],
      ]);
      expect(conversation.map((e) => [e.at, e.notes])).toEqual([
        ['2026-03-02T10:01:00.000Z', []],
        ['2026-03-02T10:02:00.000Z', [{ label: 'Reason', text: RETURN_REASON }, { label: 'Return reason', text: 'Period not justified' }]],
        ['2026-03-02T10:04:00.000Z', []],
        ['2026-03-02T10:05:00.000Z', [{ label: 'SPOC advice', text: SPOC_SECTION.spocAdvice }]],
        ['2026-03-02T10:06:00.000Z', [{ label: 'Question', text: QUESTION }]],
        ['2026-03-02T10:07:00.000Z', [{ label: 'SPOC advice', text: ANSWER }]],
        [
          '2026-03-02T10:08:00.000Z',
          [
            { label: 'Rationale', text: GRANT_DECISION.rationale },
            { label: 'Conduct authorised', text: GRANT_DECISION.conductAuthorised },
          ],
        ],
      ]);
      // Everyone with need-to-know reads the same exchange.
      expect((await get('ocda', app.id)).conversation).toEqual(conversation);
    });

    it('names whose decision a SPOC recorded: a DSO by their user, an OCDA officer outside the system by the name recorded', async () => {
      let urgent = await createApplication(t, 'applicant', URGENT_FORM);
      urgent = await step(t, 'applicant', urgent, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
      urgent = await step(t, 'spoc', urgent, {
        type: 'GRANT',
        decision: { ...GRANT_DECISION, oral: true, deciderId: idOf('dso'), decidedAt: t.clock.now().toISOString(), findings: DSO_SPOC_EXCEPTION },
      });
      const { conversation: oral } = await get('applicant', urgent.id);
      expect(oral.map((e) => [e.eventType, e.from, e.decider, e.notes[0]])).toEqual([
        ['SUBMIT_URGENT_WITHOUT_SPOC', person('applicant', 'DC Alex Applicant', 'applicant'), null, { label: 'Why no SPOC could be consulted', text: 'No SPOC on duty at 03:00.' }],
        ['GRANT', person('spoc', 'Pat Spoc', 'spoc'), person('dso', 'Supt Dana Dso', 'dso'), { label: 'Rationale', text: GRANT_DECISION.rationale }],
      ]);

      let recorded = await createApplication(t);
      recorded = await step(t, 'applicant', recorded, { type: 'SUBMIT_TO_SPOC' });
      recorded = await step(t, 'spoc', recorded, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      const ocdaDecision = { ...GRANT_DECISION, ocdaReference: 'OCDA-2026-7', deciderName: 'Quinn Officer (OCDA)', decidedAt: t.clock.now().toISOString() };
      recorded = await step(t, 'spoc', recorded, { type: 'GRANT', decision: ocdaDecision });
      const grant = (await get('applicant', recorded.id)).conversation.at(-1);
      expect(grant).toMatchObject({
        eventType: 'GRANT',
        from: person('spoc', 'Pat Spoc', 'spoc'),
        decider: { id: null, displayName: 'Quinn Officer (OCDA)', role: 'ocda', roleLabel: ROLE_WORDS.ocda },
      });
      expect(grant?.notes).toContainEqual({ label: 'OCDA reference', text: 'OCDA-2026-7' });
    });
  });

  describe('the history', () => {
    it('names people and says per row what changed, without repeating the form; the stored rows still verify', async () => {
      const app = await returnedAnsweredGranted();
      const rows = await historyOf(t, 'applicant', app.id);
      expect(rows.map((r) => [r.position, r.actor.displayName, r.actor.role, r.fromStateLabel, r.toStateLabel])).toEqual([
        [1, 'DC Alex Applicant', 'applicant', null, 'Draft'],
        [2, 'DC Alex Applicant', 'applicant', 'Draft', 'With the SPOC for review'],
        [3, 'Pat Spoc', 'spoc', 'With the SPOC for review', 'Returned to the applicant'],
        [4, 'DC Alex Applicant', 'applicant', 'Returned to the applicant', 'Returned to the applicant'],
        [5, 'DC Alex Applicant', 'applicant', 'Returned to the applicant', 'With the SPOC for review'],
        [6, 'Pat Spoc', 'spoc', 'With the SPOC for review', 'Awaiting authorisation'],
        [7, 'Olivia OCDA Authorising Officer', 'ocda', 'Awaiting authorisation', 'With the SPOC for review'],
        [8, 'Pat Spoc', 'spoc', 'With the SPOC for review', 'Awaiting authorisation'],
        [9, 'Olivia OCDA Authorising Officer', 'ocda', 'Awaiting authorisation', 'Authorised'],
      ]);
      const given = Object.entries(completeForm())
        .filter(([, value]) => value !== null)
        .map(([key]) => key)
        .sort();
      expect(rows[0].changes).toEqual({ fields: given, notes: [] });
      expect(rows[0].summary).toBe(`Application created. Form started with ${given.length} fields (${given.join(', ')}).`);
      expect(rows.slice(1).map((r) => r.summary)).toEqual([
        'Submitted to the SPOC.',
        `Returned to the applicant. Reason: ${RETURN_REASON}`,
        'Form edited. Changed 1 field (proportionality).',
        'Resubmitted to the SPOC.',
        `Sent for authorisation. SPOC advice: ${SPOC_SECTION.spocAdvice}`,
        `More information requested. Question: ${QUESTION}`,
        `Sent for authorisation. SPOC advice: ${ANSWER}`,
        `Granted. Rationale: ${GRANT_DECISION.rationale}`,
      ]);
      expect(rows[3].changes).toEqual({ fields: ['proportionality'], notes: [] });
      expect(rows[5].changes.fields).toEqual(['spoc.acquisitionMethod', 'spoc.spocAdvice']);

      // The form is not repeated: its text appears nowhere, and the whole answer is well under half of what
      // the stored rows hold (each transition's guard inputs carry the whole form).
      const res = await t.http().get(`/applications/${app.id}/history`).set('authorization', `Bearer ${await t.token('applicant')}`).expect(200);
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(String(completeForm().investigationSummary));
      const [stored] = await rawSql<{ size: number | string }>(
        t,
        'SELECT SUM(LENGTH(payload) + COALESCE(LENGTH(guard_inputs), 0)) AS size FROM application_event WHERE application_id = $1',
        [app.id],
      );
      expect(text.length * 2).toBeLessThan(Number(stored.size));
      await expect(verifyOf(t, 'applicant', app.id)).resolves.toMatchObject({ valid: true, rows: 9 });
    });
  });

  describe('blocked events', () => {
    it('explains SUBMIT_URGENT_WITHOUT_SPOC on an OCDA route; sending it is refused with that rule', async () => {
      const draft = (await createApplication(t)) as Record_;
      const blocked = { event: 'SUBMIT_URGENT_WITHOUT_SPOC', code: 'ROUTE_NOT_URGENT', message: 'only the dso61A route may skip the SPOC' };
      expect(await get('applicant', draft.id)).toMatchObject({ allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'], blockedEvents: [blocked] });
      await expectEachBlockedRefused('applicant', await get('applicant', draft.id));
      // An event the state does not define is 409, listing both.
      const res = await sendEvent(t, 'applicant', draft, { type: 'RESUBMIT' });
      expect(res.body).toMatchObject({ code: 'WORKFLOW_INVALID_TRANSITION', allowedEvents: ['SUBMIT_TO_SPOC', 'WITHDRAW'], blockedEvents: [blocked] });
      // The urgent route offers it, once the form says why no SPOC could be consulted.
      const urgent = await createApplication(t, 'applicant', URGENT_FORM);
      expect(await get('applicant', urgent.id)).toMatchObject({
        allowedEvents: ['SUBMIT_TO_SPOC', 'SUBMIT_URGENT_WITHOUT_SPOC', 'WITHDRAW'],
        blockedEvents: [],
      });
    });

    it('explains RECORD_WRITTEN when no written record is outstanding; sending it is refused with that rule', async () => {
      let app = await createApplication(t, 'applicant', completeForm({ route: 'dso61', ...NATIONAL_SECURITY }));
      app = await step(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      app = await step(t, 'spoc', app, { type: 'SUBMIT_FOR_AUTHORISATION', spoc: SPOC_SECTION });
      app = await step(t, 'dso', app, { type: 'GRANT', decision: GRANT_DECISION });
      const seen = await get('dso', app.id);
      expect(seen).toMatchObject({
        status: 'authorised',
        allowedEvents: ['CANCEL'],
        blockedEvents: [
          { event: 'RECORD_WRITTEN', code: 'NO_WRITTEN_RECORD_OUTSTANDING', message: 'no oral grant awaits its written record' },
          { event: 'REQUEST_CANCELLATION', code: 'MAY_CANCEL_DIRECTLY', message: 'you may cancel this authorisation yourself: send CANCEL' },
        ],
      });
      await expectEachBlockedRefused('dso', seen);
    });

    it('offers RECORD_WRITTEN to the DSO who granted orally while the record is outstanding, and blocks it again once made', async () => {
      let app = await createApplication(t, 'applicant', URGENT_FORM);
      app = await step(t, 'applicant', app, { type: 'SUBMIT_URGENT_WITHOUT_SPOC' });
      app = await step(t, 'spoc', app, {
        type: 'GRANT',
        decision: { ...GRANT_DECISION, oral: true, deciderId: idOf('dso'), decidedAt: t.clock.now().toISOString(), findings: DSO_SPOC_EXCEPTION },
      });
      expect(await get('dso', app.id)).toMatchObject({ allowedEvents: ['RECORD_WRITTEN', 'CANCEL'], blockedEvents: [{ event: 'REQUEST_CANCELLATION', code: 'MAY_CANCEL_DIRECTLY', message: 'you may cancel this authorisation yourself: send CANCEL' }] });
      // The SPOC who recorded the grant may only ask the DSO to cancel it (IPA s.65(4)), and a product waits for the disclosures.
      const spocView = await get('spoc', app.id);
      expect(spocView).toMatchObject({
        allowedEvents: ['REQUEST_CANCELLATION'],
        blockedEvents: [
          { event: 'ISSUE_PRODUCT', code: 'DISCLOSURES_OPEN', message: 'every disclosure request must be terminal and checked' },
          {
            event: 'CANCEL',
            code: 'NOT_ENTITLED_TO_CANCEL',
            message: 'only the DSO who granted, or another DSO of the authority when that DSO is no longer available, may cancel; request cancellation instead',
          },
        ],
      });
      await expectEachBlockedRefused('spoc', spocView);
      app = await step(t, 'dso', app, { type: 'RECORD_WRITTEN', writtenRecord: 'Considerations written up at 09:00.' });
      const after = await get('dso', app.id);
      expect(after).toMatchObject({
        allowedEvents: ['CANCEL'],
        blockedEvents: [
          { event: 'RECORD_WRITTEN', code: 'NO_WRITTEN_RECORD_OUTSTANDING', message: 'no oral grant awaits its written record' },
          { event: 'REQUEST_CANCELLATION', code: 'MAY_CANCEL_DIRECTLY', message: 'you may cancel this authorisation yourself: send CANCEL' },
        ],
      });
      expect(after.conversation.at(-1)).toMatchObject({
        eventType: 'RECORD_WRITTEN',
        from: person('dso', 'Supt Dana Dso', 'dso'),
        notes: [{ label: 'Written record', text: 'Considerations written up at 09:00.' }],
      });
    });

    it('the response to a write carries them too, for the caller, as a GET would', async () => {
      const app = await createApplication(t);
      const res = await sendEvent(t, 'applicant', app, { type: 'SUBMIT_TO_SPOC' });
      expect(res.status).toBe(200);
      const written = res.body as Record_;
      const read = await get('applicant', app.id);
      expect({ allowedEvents: written.allowedEvents, blockedEvents: written.blockedEvents, conversation: written.conversation }).toEqual({
        allowedEvents: read.allowedEvents,
        blockedEvents: read.blockedEvents,
        conversation: read.conversation,
      });
      expect(written.conversation.map((e) => e.eventType)).toEqual(['SUBMIT_TO_SPOC']);
    });
  });
});
