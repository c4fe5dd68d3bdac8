import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import {
  cancellationRequester, cancellerEntitled, closerEntitled, granterUnavailabilityRecorded, noWrittenRecordOutstanding,
  outcomeRecorded, productPrerequisites, reasonGiven,
} from './application-guards.closure';
import { applicant, spoc, dso, inspectorDso, ocda, sro, input } from '../../test/support/application-guard-fixtures';

describe('reasonGiven', () => {
  it('passes a reason, and a question for REQUEST_MORE_INFO', () => {
    expect(reasonGiven(input({ event: { type: 'WITHDRAW', reason: 'Suspect charged.' } }))).toBeNull();
    expect(reasonGiven(input({ event: { type: 'REQUEST_MORE_INFO', question: 'Why 9 days?' } }))).toBeNull();
  });
  it('fails a blank reason, and a reason in place of a question', () => {
    expect(reasonGiven(input({ event: { type: 'CANCEL', reason: '   ' } }))?.code).toBe(C.REASON_REQUIRED);
    const failure = reasonGiven(input({ event: { type: 'REQUEST_MORE_INFO', reason: 'x' } }));
    expect(failure).toEqual(expect.objectContaining({ code: C.REASON_REQUIRED, fields: ['question'] }));
  });
});

describe('noWrittenRecordOutstanding', () => {
  it('passes when none is outstanding', () => {
    expect(noWrittenRecordOutstanding(input())).toBeNull();
  });
  it('fails while one is outstanding', () => {
    expect(
      noWrittenRecordOutstanding(input({ application: { writtenRecordDueAt: new Date('2026-03-11T10:00:00Z') } }))?.code,
    ).toBe(C.WRITTEN_RECORD_OUTSTANDING);
  });
});

describe('productPrerequisites', () => {
  const done = { disclosuresTerminalAndChecked: true, finalProductIssued: true, dataReceivedBeforeEnd: true };
  it('passes when disclosures are checked and a final product is issued', () => {
    expect(productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: done } }))).toBeNull();
    expect(productPrerequisites(input({ application: { status: 'expired', disclosureFacts: done } }))).toBeNull();
  });
  it('fails open disclosures, a missing final product, missing facts', () => {
    expect(
      productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: { ...done, disclosuresTerminalAndChecked: false } } }))?.code,
    ).toBe(C.DISCLOSURES_OPEN);
    expect(
      productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: { ...done, finalProductIssued: false } } }))?.code,
    ).toBe(C.FINAL_PRODUCT_NOT_ISSUED);
    expect(productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: null } }))?.code).toBe(
      C.DISCLOSURES_OPEN,
    );
  });
  it('after cancellation needs data received before the end', () => {
    const facts = { ...done, dataReceivedBeforeEnd: false };
    expect(productPrerequisites(input({ application: { status: 'cancelled', disclosureFacts: facts } }))?.code).toBe(
      C.NO_DATA_RECEIVED_BEFORE_END,
    );
    expect(productPrerequisites(input({ application: { status: 'authorised', disclosureFacts: facts } }))).toBeNull();
  });
});

// IPA s.65(3B) on ipc60A, s.65(4)–(5) on the DSO routes (docs/law.md §2.5).
const dsoRoute = { application: { grantedById: dso.id }, form: { route: 'dso61' as const } };
const foreignSpoc = { ...spoc, id: 'u-nafn-spoc', authorityId: 'x' };

describe('cancellerEntitled', () => {
  it('on ipc60A passes OCDA and every officer of the authority: applicant, SPOC, DSO, SRO', () => {
    for (const actor of [ocda, applicant, spoc, dso, inspectorDso, sro]) expect(cancellerEntitled(input({ actor }))).toBeNull();
  });
  it('on ipc60A fails a person of another authority (a NAFN SPOC holds no office with a local authority)', () => {
    expect(cancellerEntitled(input({ actor: foreignSpoc }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
  });
  it('on a DSO route passes the DSO who granted, and another DSO of the authority (s.65(5))', () => {
    expect(cancellerEntitled(input({ actor: dso, ...dsoRoute }))).toBeNull();
    expect(cancellerEntitled(input({ actor: inspectorDso, ...dsoRoute }))).toBeNull();
  });
  it('on a DSO route fails the applicant, a SPOC, the SRO, OCDA and a DSO of another authority', () => {
    for (const actor of [applicant, spoc, sro, ocda, { ...dso, id: 'u-other-dso', authorityId: 'x' }]) {
      expect(cancellerEntitled(input({ actor, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
    }
  });
});

describe('granterUnavailabilityRecorded', () => {
  const cancel = (granterUnavailable?: string) => ({ type: 'CANCEL' as const, reason: 'x', granterUnavailable });
  it('asks a stand-in DSO on a DSO route why the DSO who granted is not available', () => {
    expect(granterUnavailabilityRecorded(input({ actor: inspectorDso, ...dsoRoute, event: cancel() }))?.code).toBe(
      C.GRANTER_UNAVAILABILITY_REQUIRED,
    );
    expect(granterUnavailabilityRecorded(input({ actor: inspectorDso, ...dsoRoute, event: cancel('  ') }))?.fields).toEqual(['granterUnavailable']);
    expect(granterUnavailabilityRecorded(input({ actor: inspectorDso, ...dsoRoute, event: cancel('On long-term leave.') }))).toBeNull();
  });
  it('asks nothing of the DSO who granted, nor on ipc60A', () => {
    expect(granterUnavailabilityRecorded(input({ actor: dso, ...dsoRoute, event: cancel() }))).toBeNull();
    expect(granterUnavailabilityRecorded(input({ actor: applicant, event: cancel() }))).toBeNull();
  });
});

describe('cancellationRequester', () => {
  it('lets those who may not cancel ask: on a DSO route the applicant, a SPOC, the SRO, another DSO', () => {
    for (const actor of [applicant, spoc, sro, inspectorDso]) expect(cancellationRequester(input({ actor, ...dsoRoute }))).toBeNull();
  });
  it('refuses a person without sight of the record (docs/law.md §1 need-to-know)', () => {
    expect(cancellationRequester(input({ actor: foreignSpoc, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
    expect(cancellationRequester(input({ actor: { ...applicant, id: 'u-not-on-team' }, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
  });
  it('refuses a person s.65 names, who cancels instead', () => {
    expect(cancellationRequester(input({ actor: dso, ...dsoRoute }))?.code).toBe(C.MAY_CANCEL_DIRECTLY);
    expect(cancellationRequester(input({ actor: applicant }))?.code).toBe(C.MAY_CANCEL_DIRECTLY);
    expect(cancellationRequester(input({ actor: ocda }))?.code).toBe(C.MAY_CANCEL_DIRECTLY);
  });
});

describe('closerEntitled', () => {
  it('passes a SPOC or an SRO of the authority', () => {
    expect(closerEntitled(input({ actor: spoc }))).toBeNull();
    expect(closerEntitled(input({ actor: sro }))).toBeNull();
  });
  it('fails an SRO of another authority and an unaccredited SPOC', () => {
    expect(closerEntitled(input({ actor: { ...sro, authorityId: 'x' } }))?.code).toBe(C.SRO_WRONG_AUTHORITY);
    expect(closerEntitled(input({ actor: { ...spoc, spocPin: '' } }))?.code).toBe(C.SPOC_NOT_ACCREDITED);
  });
});

describe('outcomeRecorded', () => {
  it('passes with an outcome', () => {
    expect(outcomeRecorded(input({ event: { type: 'RECORD_OUTCOME', outcome: 'Suspect identified and arrested.' } }))).toBeNull();
  });
  it('fails without', () => {
    expect(outcomeRecorded(input({ event: { type: 'RECORD_OUTCOME' } }))?.code).toBe(C.OUTCOME_REQUIRED);
  });
});
