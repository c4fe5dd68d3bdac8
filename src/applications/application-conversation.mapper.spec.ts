import { historyRow, type RowSpec } from '../../test/support/history-rows';
import { openCancellationRequests, toConversation } from './application-conversation.mapper';

const names = new Map([
  ['u-applicant', 'DC Alex Applicant'],
  ['u-spoc', 'Pat Spoc'],
  ['u-ocda', 'Olivia OCDA'],
  ['00000000-0000-0000-0000-000000000000', 'Deadline scheduler'],
]);
const by = {
  applicant: { actorId: 'u-applicant', actorRoles: ['applicant'] },
  spoc: { actorId: 'u-spoc', actorRoles: ['spoc'] },
  ocda: { actorId: 'u-ocda', actorRoles: ['ocda'] },
  system: { actorId: '00000000-0000-0000-0000-000000000000', actorRoles: ['system'] },
};

/** Rows in order from position 1, each an event with its payload, or an edit of the form. */
function rows(...specs: (Omit<RowSpec, 'position'> & { payload?: Record<string, unknown> })[]) {
  return specs.map((spec, i) => historyRow({ ...spec, position: i + 1 }));
}
const event = (who: keyof typeof by, type: string, payload: Record<string, unknown> = {}) => ({ ...by[who], eventType: type, payload: { type, ...payload } });
const edit = (changes: Record<string, unknown>, teamMemberIds?: string[]) => ({ ...by.applicant, kind: 'edited' as const, payload: { changes, teamMemberIds } });
const created = { ...by.applicant, kind: 'created' as const, payload: { form: { route: 'ipc60A' } } };

describe('toConversation', () => {
  it('gives each message with its sender by name and role, its time and what they wrote', () => {
    const conversation = toConversation(rows(created, event('applicant', 'SUBMIT_TO_SPOC'), event('spoc', 'RETURN_TO_APPLICANT', { reason: 'Too long.' })), names);
    expect(conversation).toEqual([
      {
        position: 2,
        at: '2026-03-02T10:02:00.000Z',
        eventType: 'SUBMIT_TO_SPOC',
        what: 'Submitted to the SPOC',
        from: { id: 'u-applicant', displayName: 'DC Alex Applicant', role: 'applicant', roleLabel: 'Applicant' },
        decider: null,
        notes: [],
        inReplyTo: null,
        answeredBy: null,
        changedFields: [],
      },
      {
        position: 3,
        at: '2026-03-02T10:03:00.000Z',
        eventType: 'RETURN_TO_APPLICANT',
        what: 'Returned to the applicant',
        from: { id: 'u-spoc', displayName: 'Pat Spoc', role: 'spoc', roleLabel: 'SPOC' },
        decider: null,
        notes: [{ label: 'Reason', text: 'Too long.' }],
        inReplyTo: null,
        answeredBy: null,
        changedFields: [],
      },
    ]);
  });

  it('links a return to the resubmission answering it, with the fields edited in between', () => {
    const conversation = toConversation(
      rows(
        created,
        event('applicant', 'SUBMIT_TO_SPOC'),
        event('spoc', 'RETURN_TO_APPLICANT', { reason: 'Too long.' }),
        edit({ proportionality: 'Shorter.' }),
        edit({ dataItems: [], necessity: 'Clearer.' }, []),
        event('applicant', 'RESUBMIT'),
      ),
      names,
    );
    expect(conversation.map((e) => [e.position, e.eventType, e.inReplyTo, e.answeredBy, e.changedFields])).toEqual([
      [2, 'SUBMIT_TO_SPOC', null, null, []],
      [3, 'RETURN_TO_APPLICANT', null, 6, []],
      [6, 'RESUBMIT', 3, null, ['dataItems', 'necessity', 'proportionality', 'teamMemberIds']],
    ]);
  });

  it('keeps a request for more information open across a return to the applicant, and links the next submission to it', () => {
    const conversation = toConversation(
      rows(
        created,
        event('applicant', 'SUBMIT_TO_SPOC'),
        event('spoc', 'SUBMIT_FOR_AUTHORISATION', { spoc: { spocAdvice: 'Fine.' } }),
        event('ocda', 'REQUEST_MORE_INFO', { question: 'Which CSP?' }),
        event('spoc', 'RETURN_TO_APPLICANT', { reason: 'OCDA asks which CSP.' }),
        edit({ dataItems: [] }),
        event('applicant', 'RESUBMIT'),
        event('spoc', 'SUBMIT_FOR_AUTHORISATION', { spoc: { spocAdvice: 'Vodafone.' } }),
      ),
      names,
    );
    expect(conversation.map((e) => [e.position, e.eventType, e.from.role, e.inReplyTo, e.answeredBy, e.changedFields, e.notes[0]?.text])).toEqual([
      [2, 'SUBMIT_TO_SPOC', 'applicant', null, null, [], undefined],
      [3, 'SUBMIT_FOR_AUTHORISATION', 'spoc', null, null, [], 'Fine.'],
      [4, 'REQUEST_MORE_INFO', 'ocda', null, 8, [], 'Which CSP?'],
      [5, 'RETURN_TO_APPLICANT', 'spoc', null, 7, [], 'OCDA asks which CSP.'],
      [7, 'RESUBMIT', 'applicant', 5, null, ['dataItems'], undefined],
      [8, 'SUBMIT_FOR_AUTHORISATION', 'spoc', 4, null, ['dataItems'], 'Vodafone.'],
    ]);
  });

  it('leaves a return unanswered while the applicant has not resubmitted', () => {
    const [, returned] = toConversation(rows(created, event('applicant', 'SUBMIT_TO_SPOC'), event('spoc', 'RETURN_TO_APPLICANT', { reason: 'x' }), edit({ necessity: 'y' })), names);
    expect(returned).toMatchObject({ eventType: 'RETURN_TO_APPLICANT', answeredBy: null });
  });

  it('leaves out what comes after the exchange: the product, expiry, closing and the outcome', () => {
    const conversation = toConversation(
      rows(
        created,
        event('ocda', 'GRANT', { decision: { rationale: 'Necessary.' } }),
        event('spoc', 'ISSUE_PRODUCT'),
        event('applicant', 'RECORD_OUTCOME', { outcome: 'Charged.' }),
        event('spoc', 'CLOSE', { reason: 'Done.' }),
        event('system', 'EXPIRE'),
        event('applicant', 'CANCEL', { reason: 'Arrested.' }),
      ),
      names,
    );
    expect(conversation.map((e) => [e.eventType, e.notes])).toEqual([
      ['GRANT', [{ label: 'Rationale', text: 'Necessary.' }]],
      ['CANCEL', [{ label: 'Reason', text: 'Arrested.' }]],
    ]);
  });

  it('keeps a blanked message in its place, without its words', () => {
    const blanked = rows(created, event('applicant', 'SUBMIT_TO_SPOC'), { ...by.spoc, eventType: 'RETURN_TO_APPLICANT', blankedBy: 'retention-1' });
    expect(toConversation(blanked, names).at(-1)).toMatchObject({ eventType: 'RETURN_TO_APPLICANT', from: { displayName: 'Pat Spoc' }, notes: [] });
  });
});

describe('openCancellationRequests', () => {
  const asked = rows(
    created,
    event('ocda', 'GRANT', { decision: { rationale: 'Necessary.' } }),
    event('applicant', 'REQUEST_CANCELLATION', { reason: 'Charged.' }),
    { ...by.spoc, eventType: 'REQUEST_CANCELLATION', blankedBy: 'retention-1' },
  );

  it('lists the requests, with who asked, when and why, while the authorisation is in force (docs/law.md §2.5)', () => {
    expect(openCancellationRequests(asked, names, 'authorised')).toEqual([
      { position: 3, by: expect.objectContaining({ displayName: 'DC Alex Applicant', role: 'applicant' }) as object, at: asked[2].at.toISOString(), reason: 'Charged.' },
      { position: 4, by: expect.objectContaining({ displayName: 'Pat Spoc', role: 'spoc' }) as object, at: asked[3].at.toISOString(), reason: null },
    ]);
  });

  it('lists none once the authorisation is cancelled, expires or closes, and none made before the last CANCEL', () => {
    for (const status of ['cancelled', 'expired', 'closed'] as const) expect(openCancellationRequests(asked, names, status)).toEqual([]);
    const cancelled = rows(created, event('applicant', 'REQUEST_CANCELLATION', { reason: 'x' }), event('ocda', 'CANCEL', { reason: 'y' }));
    expect(openCancellationRequests(cancelled, names, 'authorised')).toEqual([]);
  });
});
