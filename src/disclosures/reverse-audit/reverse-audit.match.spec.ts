import { normaliseIdentifier } from '../../applications/public-api';
import { type AuditedRequest, matchCspList, type Normalise } from './reverse-audit.match';

/** The pure matching of a CSP's list to the authority's requests (docs/returns.md §14). */
const normalise: Normalise = (type, value) => {
  const result = normaliseIdentifier(type, value);
  return result.ok ? result.normalised : null;
};

const request = (id: string, overrides: Partial<AuditedRequest> = {}): AuditedRequest => ({
  id,
  applicationId: `app-${id}`,
  urn: `TVP/${id}`,
  cspReference: null,
  sentAt: new Date('2026-07-01T10:00:00Z'),
  validFrom: new Date('2026-07-01T09:00:00Z'),
  expiresAt: new Date('2026-08-01T09:00:00Z'),
  items: [{ identifierType: 'msisdn', normalisedValue: '+447911123456', subtype: 'subscriber' }],
  recordedDisclosureAt: null,
  ...overrides,
});
const line = (n: number, identifier: string, dataType: string, at: string, cspReference: string | null = null) => ({ line: n, cspReference, identifier, dataType, disclosedAt: new Date(at) });
const PERIOD = { from: new Date('2026-07-01T00:00:00Z'), to: new Date('2026-10-01T00:00:00Z') };

describe('matchCspList', () => {
  it('names a data type never asked for, and a line disclosed before the request was sent', () => {
    const result = matchCspList(
      [line(2, '07911123456', 'callDataRecords', '2026-07-02T10:00:00Z'), line(3, '07911123456', 'Subscriber', '2026-07-01T09:30:00Z')],
      [request('a')],
      PERIOD,
      normalise,
    );
    expect(result.matched).toEqual([]);
    expect(result.findings.map((f) => [f.kind, f.line, f.requestId])).toEqual([
      ['dataTypeNotAuthorised', 2, 'a'],
      ['outsideAuthorisedPeriod', 3, 'a'],
    ]);
  });

  it('lets the CSP’s reference choose between requests for one identifier, and lists only recorded answers within the period as missing', () => {
    const requests = [
      request('a', { cspReference: 'EM-1', recordedDisclosureAt: new Date('2026-07-02T00:00:00Z') }),
      request('b', { cspReference: 'EM-2', recordedDisclosureAt: new Date('2026-07-03T00:00:00Z') }),
      request('c', { cspReference: 'EM-3', recordedDisclosureAt: new Date('2026-11-03T00:00:00Z') }),
      request('d', { cspReference: 'EM-4' }),
    ];
    const result = matchCspList([line(2, '+44 7911 123456', 'subscriber', '2026-07-02T10:00:00Z', 'EM-2')], requests, PERIOD, normalise);
    expect(result.matched).toEqual([{ line: 2, requestId: 'b' }]);
    expect(result.findings.map((f) => [f.kind, f.requestId, f.suspectedError])).toEqual([['missingFromCspList', 'a', false]]);
  });
});
