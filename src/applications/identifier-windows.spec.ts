import type { ApplicationForm, DataItem, Identifier } from '../workflow/application.types';
import { formWindows, requestWindows } from './identifier-windows';

const identifier = (ref: string, normalisedValue: string): Identifier => ({ ref, type: 'msisdn', value: normalisedValue, normalisedValue, source: 'victim' });
const item = (ref: string, identifierRef: string, periodStart: string, periodEnd: string, subtype = 'subscriber'): DataItem => ({
  ref,
  identifierRef,
  category: 'entity',
  subtype,
  periodKind: 'historic',
  periodStart,
  periodEnd,
  csp: 'Example Mobile',
  icrCondition: null,
});

describe('formWindows', () => {
  it('gives each data item its identifier’s normalised value and its period in UTC, whatever offset it was written with', () => {
    const form: ApplicationForm = {
      identifiers: [identifier('id1', '+447911123456'), identifier('id2', '+447911123457')],
      dataItems: [item('d1', 'id1', '2026-07-01T00:00:00+01:00', '2026-07-02T00:00:00+01:00'), item('d2', 'id2', '2026-03-01T10:00Z', '2026-03-01T11:00:00.5Z')],
    };
    expect(formWindows(form)).toEqual([
      { dataItemRef: 'd1', identifierType: 'msisdn', normalisedValue: '+447911123456', start: new Date('2026-06-30T23:00:00.000Z'), end: new Date('2026-07-01T23:00:00.000Z') },
      { dataItemRef: 'd2', identifierType: 'msisdn', normalisedValue: '+447911123457', start: new Date('2026-03-01T10:00:00.000Z'), end: new Date('2026-03-01T11:00:00.500Z') },
    ]);
  });

  it('keeps one instant (an IP address resolution), and leaves out an item it cannot place', () => {
    const form: ApplicationForm = {
      identifiers: [identifier('id1', '203.0.113.7')],
      dataItems: [
        item('d1', 'id1', '2026-03-01T21:14:07+00:00', '2026-03-01T21:14:07+00:00', 'ipAddressResolution'),
        item('d2', 'id9', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'),
        item('d3', 'id1', '2026-03-01T00:00:00', '2026-03-02T00:00:00Z'),
        item('d4', 'id1', '2026-03-02T00:00:00Z', '2026-03-01T00:00:00Z'),
      ],
    };
    expect(formWindows(form).map((w) => [w.dataItemRef, w.start.toISOString(), w.end.toISOString()])).toEqual([['d1', '2026-03-01T21:14:07.000Z', '2026-03-01T21:14:07.000Z']]);
  });

  it('gives none for a form without identifiers or data items (a fresh draft, an imported RIPA record)', () => {
    expect(formWindows({})).toEqual([]);
    expect(formWindows({ identifiers: null, dataItems: null })).toEqual([]);
  });
});

describe('requestWindows', () => {
  it('takes each item’s own identifier and (possibly narrower) period', () => {
    const items = [
      { dataItemRef: 'd1', identifier: { type: 'msisdn' as const, normalisedValue: '+447911123456' }, periodStart: '2026-03-01T06:00:00+00:00', periodEnd: '2026-03-01T18:00:00+00:00' },
      { dataItemRef: 'd2', identifier: { type: 'msisdn' as const, normalisedValue: '' }, periodStart: '2026-03-01T06:00:00Z', periodEnd: '2026-03-01T18:00:00Z' },
    ];
    expect(requestWindows(items)).toEqual([
      { dataItemRef: 'd1', identifierType: 'msisdn', normalisedValue: '+447911123456', start: new Date('2026-03-01T06:00:00.000Z'), end: new Date('2026-03-01T18:00:00.000Z') },
    ]);
  });
});
