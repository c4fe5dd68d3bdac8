import fc from 'fast-check';
import { describeModelBasedTest } from '../../test/support/workflow-model-test';
import type { ActorFacts } from './core/actor';
import { disclosureRequestEngine } from './disclosure-request.engine';
import {
  DISCLOSURE_REQUEST_RULE_CODES as C,
  type DisclosureApplicationFacts,
  type DisclosureRequestFacts,
  type DisclosureRequestGuardInput,
} from './disclosure-request.guards';
import {
  DISCLOSURE_REQUEST_MACHINE_VERSION,
  disclosureRequestMachine,
  type DisclosureRequestMachineEvent,
} from './disclosure-request.machine';
import { DISCLOSURE_REQUEST_EVENT_RULES } from './disclosure-request.policy';
import {
  CSP_STATUSES,
  DESIRED_STATUSES,
  DISCLOSURE_REQUEST_EVENT_TYPES,
  DISCLOSURE_REQUEST_FINAL_STATES,
  DISCLOSURE_REQUEST_STATES,
  DISCLOSURE_REQUEST_TRANSITIONS,
  INITIAL_DISCLOSURE_REQUEST_STATUSES,
  statusesAfter,
  type DisclosureRequestEvent,
  type DisclosureRequestState,
} from './disclosure-request.types';
import { ROLES, SYSTEM_SENDER, type EventSender } from './roles';
import {
  applicantSpoc,
  applicationFacts,
  disclosureRequestGuardInputFromRecord,
  LOCAL_AUTHORITY,
  nafnSpoc,
  NOW,
  otherForceSpoc,
  RENEWAL_EXPIRES_AT,
  RENEWAL_FROM,
  requestFacts,
  spoc,
  sro,
  system,
  unaccreditedSpoc,
} from '../../test/support/disclosure-request-fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures (fixed dates; no clock)
// ---------------------------------------------------------------------------------------------

const ACKNOWLEDGE: DisclosureRequestEvent = { type: 'CSP_ACKNOWLEDGED', cspReference: 'CSP/REF/42' };
const LAST_PART: DisclosureRequestEvent = { type: 'RETURN_RECEIVED', allItemsComplete: true };
const A_PART: DisclosureRequestEvent = { type: 'RETURN_RECEIVED', allItemsComplete: false };
const NIL: DisclosureRequestEvent = { type: 'NIL_RETURN', cspStatement: 'No subscriber held for that number on those dates.' };
const REJECT: DisclosureRequestEvent = { type: 'CSP_REJECTED', cspReason: 'The SPOC’s PIN could not be verified.' };
const CANCEL_BY_SPOC: DisclosureRequestEvent = { type: 'CANCEL', reason: 'Sent to the wrong operator.' };
const CANCEL_BY_SYSTEM: DisclosureRequestEvent = { type: 'CANCEL', reason: 'The authorisation was cancelled.' };

function guardInput(request: DisclosureRequestFacts, actor: ActorFacts, event: DisclosureRequestEvent, application: DisclosureApplicationFacts = applicationFacts()): DisclosureRequestGuardInput {
  return { request, application, actor, event, now: NOW };
}

function ev(state: DisclosureRequestState, actor: ActorFacts, event: DisclosureRequestEvent): DisclosureRequestMachineEvent {
  return { type: event.type, guardInput: guardInput(requestFacts(state), actor, event) };
}

/** One valid event (every rule passes) per table row leaving the state, both branches of RETURN_RECEIVED, and CANCEL by each sender. */
function validEvents(state: DisclosureRequestState): DisclosureRequestMachineEvent[] {
  switch (state) {
    case 'pending':
      return [ev(state, spoc, { type: 'SEND' }), ev(state, spoc, CANCEL_BY_SPOC)];
    case 'sent':
      return [
        ev(state, spoc, ACKNOWLEDGE),
        ev(state, system, LAST_PART),
        ev(state, system, A_PART),
        ev(state, spoc, NIL),
        ev(state, spoc, REJECT),
        ev(state, system, CANCEL_BY_SYSTEM),
      ];
    case 'acknowledged':
      return [ev(state, system, LAST_PART), ev(state, system, A_PART), ev(state, spoc, NIL), ev(state, spoc, REJECT), ev(state, spoc, CANCEL_BY_SPOC)];
    case 'partiallyDisclosed':
      return [ev(state, system, LAST_PART), ev(state, system, A_PART), ev(state, spoc, { type: 'MARK_CHECKED' }), ev(state, system, CANCEL_BY_SYSTEM)];
    case 'disclosed':
    case 'nilReturn':
      return [ev(state, spoc, { type: 'MARK_CHECKED' })];
    case 'rejectedByCsp':
    case 'checked':
    case 'cancelled':
      return [];
  }
}

function apply(state: DisclosureRequestState, actor: ActorFacts, event: DisclosureRequestEvent, over: Partial<DisclosureRequestFacts> = {}, application?: DisclosureApplicationFacts) {
  return disclosureRequestEngine.apply(state, event, guardInput(requestFacts(state, over), actor, event, application));
}

const key = (from: unknown, type: string, to: unknown) => `${String(from)} --${type}--> ${String(to)}`;

// ---------------------------------------------------------------------------------------------
// Structure
// ---------------------------------------------------------------------------------------------

describe('disclosureRequestMachine structure (docs/architecture.md §7.2)', () => {
  it('has exactly the states of the table, flat, with checked, rejectedByCsp and cancelled final', () => {
    expect(Object.keys(disclosureRequestMachine.root.states).sort()).toEqual([...DISCLOSURE_REQUEST_STATES].sort());
    for (const state of DISCLOSURE_REQUEST_STATES) {
      const node = disclosureRequestMachine.root.states[state];
      expect([state, Object.keys(node.states)]).toEqual([state, []]);
      expect([state, node.type === 'final']).toEqual([state, (DISCLOSURE_REQUEST_FINAL_STATES as readonly string[]).includes(state)]);
    }
    expect([...DISCLOSURE_REQUEST_FINAL_STATES].sort()).toEqual(['cancelled', 'checked', 'rejectedByCsp']);
    expect(disclosureRequestMachine.config.initial).toBe('pending');
    expect(DISCLOSURE_REQUEST_MACHINE_VERSION).toBe('1');
  });

  it('is the contract’s table, row for row', () => {
    const rows = DISCLOSURE_REQUEST_TRANSITIONS.map(([from, type, to, branch]) => `${key(from, type, to)}${branch ? ` [${branch}]` : ''}`);
    expect(rows).toEqual([
      'pending --SEND--> sent',
      'pending --CANCEL--> cancelled',
      'sent --CSP_ACKNOWLEDGED--> acknowledged',
      'sent --RETURN_RECEIVED--> disclosed [returnCompletesDisclosure]',
      'sent --RETURN_RECEIVED--> partiallyDisclosed',
      'sent --NIL_RETURN--> nilReturn',
      'sent --CSP_REJECTED--> rejectedByCsp',
      'sent --CANCEL--> cancelled',
      'acknowledged --RETURN_RECEIVED--> disclosed [returnCompletesDisclosure]',
      'acknowledged --RETURN_RECEIVED--> partiallyDisclosed',
      'acknowledged --NIL_RETURN--> nilReturn',
      'acknowledged --CSP_REJECTED--> rejectedByCsp',
      'acknowledged --CANCEL--> cancelled',
      'partiallyDisclosed --RETURN_RECEIVED--> disclosed [returnCompletesDisclosure]',
      'partiallyDisclosed --RETURN_RECEIVED--> partiallyDisclosed',
      'partiallyDisclosed --MARK_CHECKED--> checked',
      'partiallyDisclosed --CANCEL--> cancelled',
      'disclosed --MARK_CHECKED--> checked',
      'nilReturn --MARK_CHECKED--> checked',
    ]);
  });

  it('defines in each state exactly the events of the table', () => {
    for (const state of DISCLOSURE_REQUEST_STATES) {
      const own = [...disclosureRequestMachine.root.states[state].ownEvents].sort();
      const table = [...new Set(DISCLOSURE_REQUEST_TRANSITIONS.filter(([from]) => from === state).map(([, type]) => type))].sort();
      expect([state, own]).toEqual([state, table]);
      expect([state, [...disclosureRequestEngine.definedEvents(state)].sort()]).toEqual([state, table]);
    }
  });

  it('has no invoke, after or delayed transitions', () => {
    for (const state of DISCLOSURE_REQUEST_STATES) {
      const node = disclosureRequestMachine.root.states[state];
      expect([state, node.invoke.length, node.after.length]).toEqual([state, 0, 0]);
    }
  });

  it('has a rule row for every event type, with the senders of the table', () => {
    expect(Object.keys(DISCLOSURE_REQUEST_EVENT_RULES).sort()).toEqual([...DISCLOSURE_REQUEST_EVENT_TYPES].sort());
    const roles = Object.fromEntries(DISCLOSURE_REQUEST_EVENT_TYPES.map((type) => [type, [...DISCLOSURE_REQUEST_EVENT_RULES[type].roles]]));
    expect(roles).toEqual({
      SEND: ['spoc'],
      CSP_ACKNOWLEDGED: ['spoc'],
      RETURN_RECEIVED: ['system'],
      NIL_RETURN: ['spoc'],
      CSP_REJECTED: ['spoc'],
      MARK_CHECKED: ['spoc'],
      CANCEL: ['spoc', 'system'],
    });
  });
});

describe('disclosureRequestEngine.allowedEvents', () => {
  it('is the state’s events ∩ the caller’s roles', () => {
    expect(disclosureRequestEngine.allowedEvents('pending', ['spoc'])).toEqual(['SEND', 'CANCEL']);
    expect(disclosureRequestEngine.allowedEvents('pending', [SYSTEM_SENDER])).toEqual(['CANCEL']);
    expect(disclosureRequestEngine.allowedEvents('sent', ['spoc'])).toEqual(['CSP_ACKNOWLEDGED', 'NIL_RETURN', 'CSP_REJECTED', 'CANCEL']);
    expect(disclosureRequestEngine.allowedEvents('sent', [SYSTEM_SENDER])).toEqual(['RETURN_RECEIVED', 'CANCEL']);
    expect(disclosureRequestEngine.allowedEvents('partiallyDisclosed', ['spoc'])).toEqual(['MARK_CHECKED', 'CANCEL']);
    expect(disclosureRequestEngine.allowedEvents('disclosed', [SYSTEM_SENDER])).toEqual([]);
    expect(disclosureRequestEngine.allowedEvents('sent', ['applicant', 'dso', 'sro', 'ocda', 'jc', 'admin'])).toEqual([]);
    for (const state of DISCLOSURE_REQUEST_FINAL_STATES) expect(disclosureRequestEngine.allowedEvents(state, [...ROLES, SYSTEM_SENDER])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The two statuses (ETSI TS 103 120 DesiredStatus / Status)
// ---------------------------------------------------------------------------------------------

describe('statusesAfter', () => {
  it('gives, for every row of the table, our desired status and what the CSP last reported', () => {
    const pairs = Object.fromEntries(
      DISCLOSURE_REQUEST_TRANSITIONS.map(([from, type, to]) => {
        const { desiredStatus, cspStatus } = statusesAfter(from, to);
        return [key(from, type, to), `${String(desiredStatus)} / ${String(cspStatus)}`];
      }),
    );
    expect(pairs).toEqual({
      'pending --SEND--> sent': 'awaitingDisclosure / null',
      'pending --CANCEL--> cancelled': 'cancelled / null',
      'sent --CSP_ACKNOWLEDGED--> acknowledged': 'awaitingDisclosure / acknowledged',
      'sent --RETURN_RECEIVED--> disclosed': 'awaitingDisclosure / disclosed',
      'sent --RETURN_RECEIVED--> partiallyDisclosed': 'awaitingDisclosure / partiallyDisclosed',
      'sent --NIL_RETURN--> nilReturn': 'awaitingDisclosure / nilReturn',
      'sent --CSP_REJECTED--> rejectedByCsp': 'closed / rejected',
      'sent --CANCEL--> cancelled': 'cancelled / null',
      'acknowledged --RETURN_RECEIVED--> disclosed': 'awaitingDisclosure / disclosed',
      'acknowledged --RETURN_RECEIVED--> partiallyDisclosed': 'awaitingDisclosure / partiallyDisclosed',
      'acknowledged --NIL_RETURN--> nilReturn': 'awaitingDisclosure / nilReturn',
      'acknowledged --CSP_REJECTED--> rejectedByCsp': 'closed / rejected',
      'acknowledged --CANCEL--> cancelled': 'cancelled / acknowledged',
      'partiallyDisclosed --RETURN_RECEIVED--> disclosed': 'awaitingDisclosure / disclosed',
      'partiallyDisclosed --RETURN_RECEIVED--> partiallyDisclosed': 'awaitingDisclosure / partiallyDisclosed',
      'partiallyDisclosed --MARK_CHECKED--> checked': 'closed / partiallyDisclosed',
      'partiallyDisclosed --CANCEL--> cancelled': 'cancelled / partiallyDisclosed',
      'disclosed --MARK_CHECKED--> checked': 'closed / disclosed',
      'nilReturn --MARK_CHECKED--> checked': 'closed / nilReturn',
    });
  });

  it('uses only the statuses of the vocabulary, and starts with neither', () => {
    for (const [from, , to] of DISCLOSURE_REQUEST_TRANSITIONS) {
      const { desiredStatus, cspStatus } = statusesAfter(from, to);
      expect(desiredStatus === null || (DESIRED_STATUSES as readonly string[]).includes(desiredStatus)).toBe(true);
      expect(cspStatus === null || (CSP_STATUSES as readonly string[]).includes(cspStatus)).toBe(true);
    }
    expect(INITIAL_DISCLOSURE_REQUEST_STATUSES).toEqual({ desiredStatus: null, cspStatus: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------------------------

describe('disclosureRequestEngine.apply: invalid transitions and roles', () => {
  it('answers invalidTransition with the caller’s events when the state does not define the event', () => {
    expect(apply('pending', spoc, ACKNOWLEDGE)).toEqual({
      ok: false,
      kind: 'invalidTransition',
      noun: 'disclosure request',
      state: 'pending',
      eventType: 'CSP_ACKNOWLEDGED',
      allowedEvents: ['SEND', 'CANCEL'],
      blockedEvents: [],
    });
    expect(apply('checked', spoc, { type: 'MARK_CHECKED' })).toMatchObject({ kind: 'invalidTransition', allowedEvents: [], blockedEvents: [] });
    expect(apply('disclosed', system, CANCEL_BY_SYSTEM)).toMatchObject({ kind: 'invalidTransition', allowedEvents: [] });
  });

  it('answers invalidTransition for an unknown event type', () => {
    expect(apply('sent', spoc, { type: 'CHASE' as never })).toMatchObject({ ok: false, kind: 'invalidTransition', eventType: 'CHASE' });
  });

  it('answers forbiddenRole when none of the caller’s roles may send the event', () => {
    expect(apply('sent', spoc, LAST_PART)).toEqual({ ok: false, kind: 'forbiddenRole', noun: 'disclosure request', eventType: 'RETURN_RECEIVED', allowedRoles: ['system'] });
    expect(apply('pending', system, { type: 'SEND' })).toMatchObject({ kind: 'forbiddenRole', allowedRoles: ['spoc'] });
    expect(apply('pending', sro, CANCEL_BY_SPOC)).toMatchObject({ kind: 'forbiddenRole', allowedRoles: ['spoc', 'system'] });
  });

  it('answers ruleFailed about the actor for a SPOC who may not deal with this request', () => {
    for (const [actor, code] of [
      [unaccreditedSpoc, C.SPOC_NOT_ACCREDITED],
      [applicantSpoc, C.SPOC_IS_APPLICANT],
      [otherForceSpoc, C.SPOC_WRONG_AUTHORITY],
    ] as const) {
      expect(apply('pending', actor, { type: 'SEND' })).toMatchObject({ ok: false, kind: 'ruleFailed', ruleKind: 'actor', failure: { code } });
      expect(apply('sent', actor, CANCEL_BY_SPOC)).toMatchObject({ ok: false, kind: 'ruleFailed', ruleKind: 'actor', failure: { code } });
    }
  });
});

describe('disclosureRequestEngine.apply: rules (422)', () => {
  const cases: Array<[string, DisclosureRequestState, ActorFacts, DisclosureRequestEvent, Partial<DisclosureRequestFacts>, Partial<DisclosureApplicationFacts>, string]> = [
    ['SEND under an application awaiting authorisation', 'pending', spoc, { type: 'SEND' }, {}, { status: 'awaitingAuthorisation' }, C.APPLICATION_NOT_AUTHORISED],
    ['SEND under a cancelled application', 'pending', spoc, { type: 'SEND' }, {}, { status: 'cancelled' }, C.APPLICATION_NOT_AUTHORISED],
    ['SEND before a renewal takes effect', 'pending', spoc, { type: 'SEND' }, {}, { validFrom: RENEWAL_FROM, expiresAt: RENEWAL_EXPIRES_AT }, C.REQUEST_OUTSIDE_VALIDITY],
    ['SEND after the authorisation ended', 'pending', spoc, { type: 'SEND' }, {}, { expiresAt: new Date(NOW.getTime() - 1) }, C.REQUEST_OUTSIDE_VALIDITY],
    ['CSP_ACKNOWLEDGED without the reference', 'sent', spoc, { type: 'CSP_ACKNOWLEDGED', cspReference: ' ' }, {}, {}, C.CSP_REFERENCE_REQUIRED],
    ['RETURN_RECEIVED without saying whether it completes the items', 'acknowledged', system, { type: 'RETURN_RECEIVED' }, {}, {}, C.RETURN_COMPLETENESS_REQUIRED],
    ['NIL_RETURN without the CSP’s statement', 'sent', spoc, { type: 'NIL_RETURN' }, {}, {}, C.CSP_STATEMENT_REQUIRED],
    ['CSP_REJECTED without the CSP’s reason', 'acknowledged', spoc, { type: 'CSP_REJECTED', cspReason: '' }, {}, {}, C.CSP_REASON_REQUIRED],
    ['MARK_CHECKED with checks still to review', 'disclosed', spoc, { type: 'MARK_CHECKED' }, { allChecksReviewed: false }, {}, C.CHECKS_NOT_REVIEWED],
    ['MARK_CHECKED of a nil return not yet reviewed', 'nilReturn', spoc, { type: 'MARK_CHECKED' }, { allChecksReviewed: false }, {}, C.CHECKS_NOT_REVIEWED],
    ['CANCEL by a SPOC without a reason', 'pending', spoc, { type: 'CANCEL' }, {}, {}, C.REASON_REQUIRED],
    ['CANCEL by the system without a reason', 'partiallyDisclosed', system, { type: 'CANCEL', reason: '' }, {}, {}, C.REASON_REQUIRED],
  ];
  it.each(cases)('%s', (_name, state, actor, event, request, application, code) => {
    const input = guardInput(requestFacts(state, request), actor, event, applicationFacts(application));
    const result = disclosureRequestEngine.apply(state, event, input);
    expect(result).toMatchObject({ ok: false, kind: 'ruleFailed', ruleKind: 'content', failure: { code } });
    // The machine refuses the same event on its own (defence in depth).
    expect(disclosureRequestEngine.snapshotFor(state).can({ type: event.type, guardInput: input })).toBe(false);
  });

  it('reports who acts before what was sent: a SPOC of another force cancelling without a reason is refused as the wrong SPOC', () => {
    expect(apply('sent', otherForceSpoc, { type: 'CANCEL' })).toMatchObject({ failure: { code: C.SPOC_WRONG_AUTHORITY }, guardsRun: ['CANCELLER_ENTITLED'] });
  });
});

describe('disclosureRequestEngine.apply: transitions and changes', () => {
  it('SEND records when and by whom, and asks the CSP for disclosure', () => {
    expect(apply('pending', spoc, { type: 'SEND' })).toMatchObject({
      ok: true,
      previousState: 'pending',
      nextState: 'sent',
      changes: { desiredStatus: 'awaitingDisclosure', cspStatus: null, sentAt: NOW, sentBy: spoc.id },
    });
  });

  it('SEND of a renewal succeeds from the instant its period begins', () => {
    const renewal = applicationFacts({ validFrom: RENEWAL_FROM, expiresAt: RENEWAL_EXPIRES_AT });
    const event: DisclosureRequestEvent = { type: 'SEND' };
    const input = { ...guardInput(requestFacts('pending'), spoc, event, renewal), now: RENEWAL_FROM };
    expect(disclosureRequestEngine.apply('pending', event, input)).toMatchObject({ ok: true, nextState: 'sent', changes: { sentAt: RENEWAL_FROM } });
  });

  it('a NAFN SPOC sends a local authority’s request', () => {
    const result = apply('pending', nafnSpoc, { type: 'SEND' }, { authorityId: LOCAL_AUTHORITY, authorityType: 'localAuthority' });
    expect(result).toMatchObject({ ok: true, nextState: 'sent', changes: { sentBy: nafnSpoc.id } });
  });

  it('CSP_ACKNOWLEDGED keeps the CSP’s reference, trimmed', () => {
    expect(apply('sent', spoc, { type: 'CSP_ACKNOWLEDGED', cspReference: '  CSP/REF/42 ' })).toEqual(
      expect.objectContaining({ ok: true, nextState: 'acknowledged', changes: { desiredStatus: 'awaitingDisclosure', cspStatus: 'acknowledged', cspReference: 'CSP/REF/42' } }),
    );
  });

  it('RETURN_RECEIVED: disclosed once every item is complete, otherwise partly disclosed, from each state that takes returns', () => {
    for (const state of ['sent', 'acknowledged', 'partiallyDisclosed'] as const) {
      const whole = apply(state, system, LAST_PART);
      expect([state, whole]).toEqual([
        state,
        expect.objectContaining({ ok: true, nextState: 'disclosed', changes: { desiredStatus: 'awaitingDisclosure', cspStatus: 'disclosed' }, guardInputsUsed: expect.objectContaining({ returnCompletesDisclosureBranch: true }) }),
      ]);
      const part = apply(state, system, A_PART);
      expect([state, part]).toEqual([
        state,
        expect.objectContaining({ ok: true, nextState: 'partiallyDisclosed', changes: { desiredStatus: 'awaitingDisclosure', cspStatus: 'partiallyDisclosed' }, guardInputsUsed: expect.objectContaining({ returnCompletesDisclosureBranch: false }) }),
      ]);
    }
  });

  it('a further part that is still not the last keeps a partial disclosure where it is', () => {
    expect(apply('partiallyDisclosed', system, A_PART)).toMatchObject({ ok: true, previousState: 'partiallyDisclosed', nextState: 'partiallyDisclosed' });
  });

  it('NIL_RETURN and CSP_REJECTED keep what the CSP said; a rejection closes the request', () => {
    expect(apply('acknowledged', spoc, NIL)).toEqual(
      expect.objectContaining({ ok: true, nextState: 'nilReturn', changes: { desiredStatus: 'awaitingDisclosure', cspStatus: 'nilReturn', cspStatement: NIL.cspStatement } }),
    );
    expect(apply('sent', spoc, REJECT)).toEqual(
      expect.objectContaining({ ok: true, nextState: 'rejectedByCsp', changes: { desiredStatus: 'closed', cspStatus: 'rejected', cspReason: REJECT.cspReason } }),
    );
  });

  it('MARK_CHECKED closes the request, records when and by whom, and keeps what the CSP last reported', () => {
    for (const [state, cspStatus] of [['disclosed', 'disclosed'], ['nilReturn', 'nilReturn'], ['partiallyDisclosed', 'partiallyDisclosed']] as const) {
      expect([state, apply(state, spoc, { type: 'MARK_CHECKED' })]).toEqual([
        state,
        expect.objectContaining({ ok: true, nextState: 'checked', changes: { desiredStatus: 'closed', cspStatus, checkedAt: NOW, checkedBy: spoc.id } }),
      ]);
    }
  });

  it('CANCEL records the reason, and that the CSP must be told, from every state (a pending request may have gone through a portal)', () => {
    const pending = apply('pending', spoc, CANCEL_BY_SPOC);
    expect(pending).toEqual(
      expect.objectContaining({
        ok: true,
        nextState: 'cancelled',
        changes: { desiredStatus: 'cancelled', cspStatus: null, cancellationReason: CANCEL_BY_SPOC.reason, cancelledAt: NOW, cancelledBy: spoc.id, cspToBeTold: true },
      }),
    );
    for (const [state, cspStatus] of [['sent', null], ['acknowledged', 'acknowledged'], ['partiallyDisclosed', 'partiallyDisclosed']] as const) {
      for (const actor of [spoc, system]) {
        const result = apply(state, actor, CANCEL_BY_SYSTEM);
        expect([state, actor.id, result.ok && result.changes]).toEqual([
          state,
          actor.id,
          { desiredStatus: 'cancelled', cspStatus, cancellationReason: CANCEL_BY_SYSTEM.reason, cancelledAt: NOW, cancelledBy: actor.id, cspToBeTold: true },
        ]);
      }
    }
  });

  it('the system may cancel whatever the application’s state: it acts on the application’s own cancellation or expiry', () => {
    for (const status of ['cancelled', 'expired'] as const) {
      expect(apply('acknowledged', system, CANCEL_BY_SYSTEM, {}, applicationFacts({ status }))).toMatchObject({ ok: true, nextState: 'cancelled' });
    }
  });

  it('judges the persisted status, not the status in the facts', () => {
    // Facts claim `pending`, but the row is `sent`: CANCEL there must tell the CSP, and the guards see `sent`.
    const event = CANCEL_BY_SPOC;
    const result = disclosureRequestEngine.apply('sent', event, guardInput(requestFacts('pending'), spoc, event));
    expect(result).toMatchObject({ ok: true, previousState: 'sent', changes: { cspToBeTold: true }, guardInputsUsed: { request: { status: 'sent' } } });
  });

  it('records JSON-safe guard inputs that replay to the same answer', () => {
    const request = requestFacts('acknowledged');
    const result = disclosureRequestEngine.apply('acknowledged', LAST_PART, guardInput(request, system, LAST_PART));
    if (!result.ok) throw new Error(JSON.stringify(result));
    const record = result.guardInputsUsed;
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
    expect(record).toEqual({
      machineVersion: DISCLOSURE_REQUEST_MACHINE_VERSION,
      eventType: 'RETURN_RECEIVED',
      guardsRun: ['RETURN_COMPLETENESS_STATED'],
      now: NOW.toISOString(),
      actor: system,
      request: { ...request, sentAt: '2026-12-08T09:00:00.000Z' },
      application: { applicantId: applicantSpoc.id, status: 'authorised', validFrom: '2026-12-07T11:00:00.000Z', expiresAt: '2027-01-06T23:59:59.999Z' },
      event: LAST_PART,
      returnCompletesDisclosureBranch: true,
    });
    const replayInput = disclosureRequestGuardInputFromRecord(record);
    expect(replayInput).toEqual(guardInput(request, system, LAST_PART));
    const replay = disclosureRequestEngine.apply('acknowledged', replayInput.event, replayInput);
    expect(replay.ok && replay.guardInputsUsed).toEqual(record);
    const sent = apply('pending', spoc, { type: 'SEND' });
    expect(sent.ok && sent.guardInputsUsed).toMatchObject({
      guardsRun: ['ACCREDITED_SPOC_NOT_APPLICANT', 'SPOC_SERVES_AUTHORITY', 'APPLICATION_AUTHORISED', 'SENT_WITHIN_VALIDITY'],
      request: { sentAt: null },
      returnCompletesDisclosureBranch: null,
    });
  });
});

describe('disclosureRequestEngine.apply: property', () => {
  const pool = DISCLOSURE_REQUEST_STATES.flatMap((state) => validEvents(state));
  it('never throws; ok only along a row of the table, and only for a role in the rule table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DISCLOSURE_REQUEST_STATES),
        fc.constantFrom(...pool),
        fc.subarray<EventSender>([...ROLES, SYSTEM_SENDER]),
        (state, machineEvent, senders) => {
          const input = { ...machineEvent.guardInput, actor: { ...machineEvent.guardInput.actor, roles: senders } };
          const result = disclosureRequestEngine.apply(state, machineEvent.guardInput.event, input);
          const type = machineEvent.type;
          const defined = disclosureRequestEngine.definedEvents(state).includes(type);
          const maySend = DISCLOSURE_REQUEST_EVENT_RULES[type].roles.some((role) => senders.includes(role));
          // The role is checked before the state (docs/architecture.md §4).
          expect(result.ok === false && result.kind === 'forbiddenRole').toBe(!maySend);
          expect(result.ok === false && result.kind === 'invalidTransition').toBe(maySend && !defined);
          if (result.ok) {
            expect(DISCLOSURE_REQUEST_TRANSITIONS.map(([f, t, to]) => key(f, t, to))).toContain(key(state, type, result.nextState));
            expect(result.changes).toMatchObject(statusesAfter(state, result.nextState));
          }
          if (!result.ok && result.kind === 'invalidTransition') {
            expect({ allowedEvents: result.allowedEvents, blockedEvents: result.blockedEvents }).toEqual(disclosureRequestEngine.eventsFor(state, input));
            const offered = [...result.allowedEvents, ...result.blockedEvents.map((b) => b.event)];
            expect(offered.sort()).toEqual(disclosureRequestEngine.allowedEvents(state, senders).sort());
          }
        },
      ),
      { numRuns: 500, seed: 20261221 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Model-based test (xstate/graph)
// ---------------------------------------------------------------------------------------------

describeModelBasedTest({
  name: 'disclosureRequestMachine',
  machine: disclosureRequestMachine,
  engine: disclosureRequestEngine,
  initial: 'pending',
  states: DISCLOSURE_REQUEST_STATES,
  eventTypes: DISCLOSURE_REQUEST_EVENT_TYPES,
  transitions: DISCLOSURE_REQUEST_TRANSITIONS,
  validEvents,
});
