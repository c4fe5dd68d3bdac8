import type { AcquiredRequest, AcquiredReturn, AcquiredRow } from '../disclosures/public-api';
import { buildProductContent, CORROBORATE_CAVEAT, HANDLING_CAVEATS, IP_RESOLUTION_CAVEAT, usableReturns, type ProductBuildInput } from './product-content.builder';

const AT = new Date('2026-07-01T10:00:00.000Z');
const CHECKS = ['IDENTIFIER_NOT_REQUESTED', 'OUTSIDE_PERIOD', 'CONTENT_SUSPECTED'];

function ret(id: string, overrides: Partial<AcquiredReturn> = {}): AcquiredReturn {
  return {
    id,
    dataItemRef: 'd1',
    recordType: 'callDataRecord',
    fileName: `${id}.csv`,
    receivedAt: AT,
    receivedBy: 'spoc-1',
    sha256: id.padEnd(64, '0'),
    rowCount: 2,
    nil: false,
    quarantined: false,
    afterEnd: false,
    failedChecks: [],
    ...overrides,
  };
}

function row(returnId: string, rowNumber: number, otherParty: string, flags: string | null = null): AcquiredRow {
  return {
    returnId,
    rowNumber,
    requestId: 'request-1',
    recordType: 'callDataRecord',
    identifier: '+447911123456',
    otherParty,
    atUtc: '2026-03-01T10:00:00.000Z',
    untilUtc: null,
    sourceOffset: '+00:00',
    localTime: null,
    durationSeconds: 10,
    eventType: 'voice',
    direction: 'out',
    cellId: null,
    port: null,
    name: null,
    address: null,
    addressType: null,
    flags,
  };
}

const review = (id: string, code: string, decision: 'accepted' | 'raisedAsError' | null) => ({
  id,
  code: code as never,
  rowCount: 1,
  detail: 'detail',
  reviewDecision: decision,
  reviewReason: decision ? `reason for ${id}` : null,
  reviewedBy: decision ? 'spoc-1' : null,
  reviewedAt: decision ? AT : null,
});

function request(returns: AcquiredReturn[]): AcquiredRequest {
  return {
    id: 'request-1',
    status: 'checked',
    answeredNil: false,
    cspId: 'csp-1',
    cspName: 'Example Mobile Ltd',
    cspReference: 'EM-77',
    createdAt: AT,
    sentAt: new Date('2026-07-01T09:00:00.000Z'),
    sentBy: 'spoc-1',
    cspStatement: 'Two files follow.',
    checkedAt: new Date('2026-07-01T09:30:00.000Z'),
    checkedBy: 'spoc-1',
    cancelledAt: null,
    items: [
      {
        dataItemRef: 'd1',
        identifier: { ref: 'id1', type: 'msisdn', value: '07911 123456', normalisedValue: '+447911123456' },
        category: 'events',
        subtype: 'callDataRecords',
        periodKind: 'historic',
        periodStart: '2026-03-01T00:00:00+00:00',
        periodEnd: '2026-03-31T23:59:59+01:00',
        timeZone: null,
      },
    ],
    returns,
  };
}

const RETURNS = [
  ret('clean'),
  ret('reviewed', { failedChecks: [review('c1', 'IDENTIFIER_NOT_REQUESTED', 'raisedAsError'), review('c2', 'OUTSIDE_PERIOD', 'accepted')] }),
  ret('waiting', { failedChecks: [review('c3', 'OUTSIDE_PERIOD', null)] }),
  ret('quarantined', { quarantined: true, failedChecks: [review('c4', 'CONTENT_SUSPECTED', 'accepted')] }),
  ret('late', { afterEnd: true }),
];
const ROWS = [
  row('clean', 2, '+447700900001'),
  row('clean', 3, '+447700900002'),
  row('reviewed', 2, '+447700900003', 'IDENTIFIER_NOT_REQUESTED'),
  row('reviewed', 3, '+447700900004', 'OUTSIDE_PERIOD'),
  row('waiting', 2, '+447700900005'),
  row('quarantined', 2, '+447700900006'),
  row('late', 2, '+447700900007'),
];

function input(overrides: Partial<ProductBuildInput> = {}): ProductBuildInput {
  return {
    productId: 'product-1',
    productNumber: 1,
    kind: 'final',
    handling: 'intelligence',
    marking: 'OFFICIAL-SENSITIVE',
    intelligenceWithholds: ['cspNames', 'spocNotes'],
    issuedAt: AT,
    issuedBy: { id: 'spoc-1', displayName: 'Pat Spoc' },
    supersedes: null,
    exhibitReference: null,
    application: { urn: 'TVP/CD/2026/000001', authorityName: 'Thames Valley Police', route: 'ipc60A', officeRank: 'Authorising officer', decidedAt: '2026-07-01T11:00:00+01:00', validFrom: AT, expiresAt: new Date('2026-07-31T22:59:59.999Z'), statutoryPurpose: 'applicableCrime' },
    requests: [request(RETURNS)],
    rows: ROWS,
    names: new Map([['spoc-1', 'Pat Spoc']]),
    allChecks: CHECKS,
    ...overrides,
  };
}

describe('buildProductContent (docs/products.md §2)', () => {
  it('uses only returns whose checks are all reviewed, not quarantined and not after the end', () => {
    expect(usableReturns([request(RETURNS)]).map((r) => r.id)).toEqual(['clean', 'reviewed']);
    const content = buildProductContent(input());
    expect(content.requests[0].returns.map((r) => r.returnId)).toEqual(['clean', 'reviewed']);
  });

  it('leaves out rows of a check raised as an error and keeps rows of an accepted one, with the check named', () => {
    const { records } = buildProductContent(input());
    expect(records.map((r) => [r.returnId, r.rowNumber, r.otherParty, r.acceptedFlags])).toEqual([
      ['clean', 2, '+447700900001', []],
      ['clean', 3, '+447700900002', []],
      ['reviewed', 3, '+447700900004', ['OUTSIDE_PERIOD']],
    ]);
  });

  it('an intelligence product withholds the CSP and the SPOC’s notes; an evidential one withholds nothing and has its continuity', () => {
    const intelligence = buildProductContent(input());
    expect(intelligence).toMatchObject({ withheld: ['cspNames', 'spocNotes'], exhibit: null, handlingCaveat: HANDLING_CAVEATS.intelligence });
    expect(intelligence.requests[0]).toMatchObject({ cspName: null, cspReference: null, spocNotes: null });
    expect(JSON.stringify(intelligence)).not.toContain('Example Mobile');

    const evidential = buildProductContent(input({ handling: 'evidential', exhibitReference: 'PS/1' }));
    expect(evidential.withheld).toEqual([]);
    expect(evidential.requests[0]).toMatchObject({ cspName: 'Example Mobile Ltd', cspReference: 'EM-77', spocNotes: 'Two files follow.' });
    const continuity = evidential.exhibit?.continuity ?? [];
    expect(evidential.exhibit).toMatchObject({ reference: 'PS/1', producer: { displayName: 'Pat Spoc' } });
    expect(continuity.map((c) => c.what)).toEqual(['requested', 'checked', 'received', 'received', 'checked', 'checked', 'issued']);
    expect(continuity.map((c) => c.at)).toEqual([...continuity.map((c) => c.at)].sort());
  });

  it('the verification lists every check of every return used, passed or as reviewed', () => {
    const { verification } = buildProductContent(input());
    expect(verification.checks.find((c) => c.returnId === 'reviewed' && c.code === 'OUTSIDE_PERIOD')).toMatchObject({
      reviewedBy: { id: 'spoc-1', displayName: 'Pat Spoc' },
      reviewedAt: AT.toISOString(),
      reason: 'reason for c2',
    });
    expect(verification.checks.map((c) => [c.returnId, c.code, c.result])).toEqual([
      ['clean', 'IDENTIFIER_NOT_REQUESTED', 'passed'],
      ['clean', 'OUTSIDE_PERIOD', 'passed'],
      ['clean', 'CONTENT_SUSPECTED', 'passed'],
      ['reviewed', 'IDENTIFIER_NOT_REQUESTED', 'raisedAsError'],
      ['reviewed', 'OUTSIDE_PERIOD', 'accepted'],
      ['reviewed', 'CONTENT_SUSPECTED', 'passed'],
    ]);
  });

  it('keeps a CSP’s nil answer once its request is marked checked, and leaves out a request with nothing to give', () => {
    const nil = { ...request([]), id: 'request-nil', status: 'checked' as const, answeredNil: true, cspStatement: 'No such data is held.' };
    const empty = { ...request([]), id: 'request-empty', status: 'checked' as const, answeredNil: false };
    const content = buildProductContent(input({ handling: 'evidential', exhibitReference: 'PS/1', requests: [request(RETURNS), nil, empty] }));
    expect(content.requests.map((r) => [r.requestId, r.returns.length, r.spocNotes])).toEqual([
      ['request-1', 2, 'Two files follow.'],
      ['request-nil', 0, 'No such data is held.'],
    ]);
    // Requests are named by their number in the product, never by id.
    const details = (content.exhibit?.continuity ?? []).map((c) => c.detail);
    expect(details).toContain('Request 2 sent to Example Mobile Ltd');
    expect(details.join(' ')).not.toContain('request-nil');
  });

  it('warns about IP resolutions only when the product carries one', () => {
    expect(buildProductContent(input()).caveats).toEqual([CORROBORATE_CAVEAT]);
    const ipRow = { ...row('clean', 4, null as never), recordType: 'ipResolution', port: 51234 };
    expect(buildProductContent(input({ rows: [...ROWS, ipRow] })).caveats).toEqual([CORROBORATE_CAVEAT, IP_RESOLUTION_CAVEAT]);
  });
});
