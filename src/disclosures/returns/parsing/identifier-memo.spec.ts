import { normaliseIdentifier } from '../../../applications/public-api';
import { IdentifierMemo, IpMemo, MEMO_ENTRIES, splitIpIdentifier } from './identifier-memo';

// Counts calls to the application's own normalisation, which the memos must call once per distinct text.
jest.mock('../../../applications/public-api', () => {
  const identifiers = jest.requireActual<typeof import('../../../applications/identifiers')>('../../../applications/identifiers');
  return { normaliseIdentifier: jest.fn(identifiers.normaliseIdentifier) };
});
const normalise = jest.mocked(normaliseIdentifier);

beforeEach(() => normalise.mockClear());

describe('IdentifierMemo', () => {
  it('gives exactly what the application’s normalisation gives, or the text as written when it refuses', () => {
    const memo = new IdentifierMemo('msisdn');
    expect(memo.normalise('020 7946 0123')).toBe('+442079460123');
    expect(memo.normalise('+447700900123')).toBe('+447700900123');
    expect(memo.normalise('999')).toBe('999');
  });

  it('normalises each distinct text once', () => {
    const memo = new IdentifierMemo('msisdn');
    for (let i = 0; i < 1000; i += 1) memo.normalise(i % 2 === 0 ? '020 7946 0123' : '020 7946 0999');
    expect(normalise).toHaveBeenCalledTimes(2);
  });

  it('forgets everything once it holds its limit, so its memory stays bounded', () => {
    const memo = new IdentifierMemo('other');
    for (let i = 0; i < MEMO_ENTRIES; i += 1) memo.normalise(`account-${i}`);
    memo.normalise('account-0');
    expect(normalise).toHaveBeenCalledTimes(MEMO_ENTRIES);
    memo.normalise(`account-${MEMO_ENTRIES}`);
    memo.normalise('account-1');
    expect(normalise).toHaveBeenCalledTimes(MEMO_ENTRIES + 2);
  });
});

describe('IpMemo', () => {
  it('reads either family in canonical form, splitting off a port', () => {
    const memo = new IpMemo();
    expect(memo.read('203.0.113.7')).toEqual({ address: '203.0.113.7', port: null });
    expect(memo.read('203.0.113.7:51234')).toEqual({ address: '203.0.113.7', port: 51234 });
    expect(memo.read('2001:DB8::7')).toEqual({ address: '2001:db8::7', port: null });
    expect(memo.read('[2001:db8::7]:443')).toEqual({ address: '2001:db8::7', port: 443 });
    expect(memo.read('not an address')).toEqual({ address: 'not an address', port: null });
  });

  it('reads each distinct text once', () => {
    const memo = new IpMemo();
    memo.read('203.0.113.7');
    const calls = normalise.mock.calls.length;
    memo.read('203.0.113.7');
    expect(normalise).toHaveBeenCalledTimes(calls);
  });
});

describe('splitIpIdentifier', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7', null],
    ['203.0.113.7:51234', '203.0.113.7', 51234],
    ['2001:db8::1', '2001:db8::1', null],
    ['[2001:db8::1]:443', '2001:db8::1', 443],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1', null],
  ])('splits %s', (text, address, port) => {
    expect(splitIpIdentifier(text)).toEqual({ address, port });
  });
});
