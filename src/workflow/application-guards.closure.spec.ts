import { APPLICATION_RULE_CODES as C } from './application-guards.rule-codes';
import {
  cancellerEntitled, closerEntitled, noWrittenRecordOutstanding, outcomeRecorded, productPrerequisites,
  reasonGiven,
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

describe('cancellerEntitled', () => {
  it('passes the applicant, a SPOC of the authority, the granting DSO, OCDA on ipc60A', () => {
    expect(cancellerEntitled(input({ actor: applicant }))).toBeNull();
    expect(cancellerEntitled(input({ actor: spoc }))).toBeNull();
    expect(cancellerEntitled(input({ actor: dso, application: { grantedById: dso.id }, form: { route: 'dso61' } }))).toBeNull();
    expect(cancellerEntitled(input({ actor: ocda }))).toBeNull();
  });
  it('fails another DSO, OCDA on a DSO route, a foreign SPOC', () => {
    const dsoRoute = { application: { grantedById: dso.id }, form: { route: 'dso61' as const } };
    expect(cancellerEntitled(input({ actor: inspectorDso, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
    expect(cancellerEntitled(input({ actor: ocda, ...dsoRoute }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
    expect(cancellerEntitled(input({ actor: { ...spoc, authorityId: 'x' } }))?.code).toBe(C.NOT_ENTITLED_TO_CANCEL);
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
