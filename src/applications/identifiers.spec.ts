/**
 * Identifier validation (docs/law.md §3.3). Phone fixtures were checked against libphonenumber-js
 * 1.13.16 ("max" metadata) at development time:
 * - 020 7946 0xxx is an Ofcom drama range but libphonenumber lists it as a valid London number, so
 *   it is a safe fixture (no real subscriber) that the validator accepts.
 * - 07781 123456, 07797 123456, 07624 123456 resolve to Guernsey, Jersey and the Isle of Man (+44,
 *   the ranges `@IsPhoneNumber('GB')` rejects); 07911 123456 is an ordinary mobile (libphonenumber
 *   happens to file 07911 12 under GG too).
 * - +1 201 555 0123 and +1 212 555 0100 are valid US numbers (555-01xx is the NANP fictional block);
 *   +33 1 23 45 67 89 is a valid Paris number.
 * - 01632 960123 is NOT valid to libphonenumber (01632 is Ofcom's fictitious area code), although it is
 *   often quoted as a usable fixture, so it is refused as a drama number, like 07700 900123.
 */
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import {
  FREE_TEXT_MAX_LENGTH,
  IDENTIFIER_TYPES,
  IdentifierType,
  normaliseIdentifier,
  parseIpWithOptionalPort,
} from './identifiers';

const PROPERTY = { seed: 42, numRuns: 300 };

function expectAccepted(type: IdentifierType, input: string, normalised: string): void {
  expect(normaliseIdentifier(type, input)).toEqual({ ok: true, normalised });
  // Idempotent: the normalised form normalises to itself.
  expect(normaliseIdentifier(type, normalised)).toEqual({ ok: true, normalised });
}

function expectRefused(type: IdentifierType, input: string, reason: string | RegExp): void {
  const result = normaliseIdentifier(type, input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(reason);
}

/** Luhn check digit for a 14-digit IMEI body (independent of validator's implementation). */
function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10;
}

describe('IDENTIFIER_TYPES', () => {
  it('lists the eleven types of docs/law.md §3.3', () => {
    expect(IDENTIFIER_TYPES).toEqual([
      'msisdn',
      'imei',
      'imsi',
      'ipv4',
      'ipv6',
      'ipPort',
      'email',
      'accountId',
      'username',
      'postalItem',
      'other',
    ]);
  });

  it('refuses an unknown type at run time', () => {
    expectRefused('fax' as IdentifierType, '123', /Unknown identifier type "fax"/);
  });
});

describe('msisdn', () => {
  it.each([
    ['020 7946 0018', '+442079460018'],
    ['020-7946-0018', '+442079460018'],
    ['(020) 7946 0018', '+442079460018'],
    ['+44 (0)20 7946 0018', '+442079460018'],
    ['+44 20 7946 0018', '+442079460018'],
    ['0044 20 7946 0018', '+442079460018'],
    ['07781 123456', '+447781123456'], // Guernsey mobile
    ['07797 123456', '+447797123456'], // Jersey mobile
    ['07624 123456', '+447624123456'], // Isle of Man mobile
    ['07911 123456', '+447911123456'],
    ['  07911 123456  ', '+447911123456'],
    ['07911\u00a0123456', '+447911123456'], // no-break space from a pasted document
    ['07911\u2013123456', '+447911123456'], // en dash from a word processor
    ['+1 201 555 0123', '+12015550123'],
    ['+1 (212) 555-0100', '+12125550100'],
    ['+33 1 23 45 67 89', '+33123456789'],
    ['00 33 1 23 45 67 89', '+33123456789'],
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('msisdn', input, normalised);
  });

  it.each([
    ['07700 900123', 'Ofcom drama number: not a real line'],
    ['07700900999', 'Ofcom drama number: not a real line'],
    ['01632 960123', 'Ofcom drama number: not a real line'],
    ['0115 496 0123', 'Ofcom drama number: not a real line'],
    ['07911 12345', /^Not a valid phone number/], // digit dropped
    ['07911 1234567', /^Not a valid phone number/], // digit added
    ['07700 901000', /^Not a valid phone number/], // unallocated, outside the drama block
    ['212 555 0100', /^Not a valid phone number/], // US number without +1
    ['0791l 123456', /must not contain letters/], // letter l for digit 1
    ['07911 123456 ext 12', /must not contain letters/],
    ['07911.123456', /only digits, spaces, dashes, brackets/],
    ['07911 123456+', /only digits, spaces, dashes, brackets/],
    ['', /empty/],
    ['   ', /empty/],
  ])('refuses %j', (input, reason) => {
    expectRefused('msisdn', input, reason);
  });

  it('normalises valid fixtures in any formatting to the same E.164, idempotently', () => {
    const fixtures = [
      '+442079460018',
      '+447781123456',
      '+447797123456',
      '+447624123456',
      '+447911123456',
      '+12015550123',
      '+33123456789',
    ];
    const arbitrary = fc.record({
      e164: fc.constantFrom(...fixtures),
      style: fc.constantFrom('plus', 'idd', 'national'),
      separators: fc.array(fc.constantFrom('', '', ' ', '-'), { minLength: 16, maxLength: 16 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ e164, style, separators }) => {
        const digits = e164.slice(1);
        const uk = digits.startsWith('44');
        const [lead, body] =
          style === 'national' && uk
            ? ['', `0${digits.slice(2)}`]
            : style === 'idd'
              ? ['', `00${digits}`]
              : ['+', digits];
        const formatted = lead + [...body].map((c, i) => (i === 0 ? c : separators[i] + c)).join('');
        const first = normaliseIdentifier('msisdn', formatted);
        expect(first).toEqual({ ok: true, normalised: e164 });
        expect(normaliseIdentifier('msisdn', e164)).toEqual(first);
      }),
      PROPERTY,
    );
  });
});

describe('imei', () => {
  it.each([
    ['490154203237518', '490154203237518'],
    ['49 015420 323751 8', '490154203237518'],
    ['49-015420-323751-8', '490154203237518'],
    [' 490154203237518 ', '490154203237518'],
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('imei', input, normalised);
  });

  it.each([
    ['490154203237519', /check digit does not match/], // last digit changed
    ['490154203273518', /check digit does not match/], // adjacent digits transposed
    ['49015420323751', 'IMEI needs its 15th (Luhn) digit'],
    ['4901542032375180', /IMEISV/],
    ['4901542032375', /15 digits, not 13/],
    ['49015420323751A', /only digits/],
    ['', /empty/],
  ])('refuses %j', (input, reason) => {
    expectRefused('imei', input, reason);
  });

  it('accepts 14 random digits plus their Luhn digit, idempotently, and refuses every other last digit', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }), (ds) => {
        const body = ds.join('');
        const check = luhnCheckDigit(body);
        const imei = `${body}${check}`;
        expect(normaliseIdentifier('imei', imei)).toEqual({ ok: true, normalised: imei });
        expect(normaliseIdentifier('imei', `${body.slice(0, 7)} ${body.slice(7)}-${check}`)).toEqual({
          ok: true,
          normalised: imei,
        });
        for (let wrong = 0; wrong <= 9; wrong += 1) {
          if (wrong !== check) expect(normaliseIdentifier('imei', `${body}${wrong}`).ok).toBe(false);
        }
      }),
      PROPERTY,
    );
  });
});

describe('imsi', () => {
  it.each([
    ['234150999999999', '234150999999999'], // UK MCC 234, 15 digits
    ['234 15 0999999999', '234150999999999'],
    ['31026012345678', '31026012345678'], // 14 digits
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('imsi', input, normalised);
  });

  it.each([
    ['134150999999999', /first digit is 2 to 7/],
    ['834150999999999', /first digit is 2 to 7/],
    ['2341509999999', /14 or 15 digits, not 13/],
    ['2341509999999999', /14 or 15 digits, not 16/],
    ['23415O999999999', /only digits/], // letter O for zero
    ['', /empty/],
  ])('refuses %j', (input, reason) => {
    expectRefused('imsi', input, reason);
  });
});

describe('ipv4', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['203.0.113.7:8080', '203.0.113.7:8080'],
    ['203.0.113.7:65535', '203.0.113.7:65535'],
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('ipv4', input, normalised);
  });

  it.each([
    ['010.1.1.1', /without leading zeros \(010 could be read as octal\)/],
    ['203.0.113.07', /without leading zeros/],
    ['0x1.2.3.4', /without leading zeros/],
    ['1.2.3', /without leading zeros/], // ipaddr.js would read it as 1.2.0.3
    ['256.1.1.1', /Not a valid IPv4 address/],
    ['203.0.113', /without leading zeros|Not a valid IPv4/],
    ['203.0.113.7:0', /port must be/],
    ['203.0.113.7:08080', /port must be/],
    ['203.0.113.7:65536', /port must be/],
    ['203.0.113.7:', /port must be/],
    ['2001:db8::1', /IPv6 address: choose the identifier type ipv6/],
    ['', /empty/],
  ])('refuses %j', (input, reason) => {
    expectRefused('ipv4', input, reason);
  });

  it('accepts any four bytes as dotted decimal, unchanged and idempotent', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)), (bytes) => {
        const address = bytes.join('.');
        expectAccepted('ipv4', address, address);
      }),
      PROPERTY,
    );
  });
});

describe('ipv6', () => {
  it.each([
    ['2001:DB8::1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // RFC 5952 §4.2.3: first of equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: one zero group is not compressed
    ['::1', '::1'],
    ['::', '::'],
    ['::ffff:192.0.2.1', '::ffff:192.0.2.1'], // IPv4-mapped keeps mixed notation (§5)
    ['::FFFF:c000:0201', '::ffff:192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:DB8::1]:8080', '[2001:db8::1]:8080'],
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('ipv6', input, normalised);
  });

  it.each([
    ['fe80::1%eth0', /zone id/],
    ['[fe80::1%25eth0]:443', /zone id/],
    ['::192.0.2.1', /IPv4-compatible form ::a\.b\.c\.d is deprecated/],
    ['::ffff:010.1.1.1', /IPv4 part of this IPv6 address/],
    ['2001:db8::1::2', /Not a valid IPv6 address/],
    ['2001:db8::00001', /Not a valid IPv6 address/],
    ['2001:db8::g', /Not a valid IPv6 address/],
    ['1:2:3:4:5:6:7:8:9', /Not a valid IPv6 address/],
    ['[2001:db8::1]:0', /port must be/],
    ['[2001:db8::1]443', /bracketed IPv6 address/],
    ['203.0.113.7', /IPv4 address: choose the identifier type ipv4/],
  ])('refuses %j', (input, reason) => {
    expectRefused('ipv6', input, reason);
  });

  it('normalises eight random 16-bit groups in any case and padding to an idempotent RFC 5952 form', () => {
    const group = fc.record({
      value: fc.integer({ min: 0, max: 0xffff }),
      upper: fc.boolean(),
      pad: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const text = groups
          .map(({ value, upper, pad }) => {
            const hex = value.toString(16);
            const padded = pad ? hex.padStart(4, '0') : hex;
            return upper ? padded.toUpperCase() : padded;
          })
          .join(':');
        const result = normaliseIdentifier('ipv6', text);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(normaliseIdentifier('ipv6', result.normalised)).toEqual(result);
        expect(result.normalised).toBe(result.normalised.toLowerCase());
        // Same address: the canonical form does not change a single bit.
        expect(ipaddr.IPv6.parse(result.normalised).toByteArray()).toEqual(
          ipaddr.IPv6.parse(text).toByteArray(),
        );
      }),
      PROPERTY,
    );
  });
});

describe('ipPort', () => {
  it.each([
    ['203.0.113.7:443', '203.0.113.7:443'],
    ['203.0.113.7:1', '203.0.113.7:1'],
    ['[2001:db8::1]:443', '[2001:db8::1]:443'],
    ['[2001:0DB8::0001]:65535', '[2001:db8::1]:65535'],
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('ipPort', input, normalised);
  });

  it.each([
    ['203.0.113.7', /Give the port as well/],
    ['[2001:db8::1]', /Give the port as well/],
    ['2001:db8::1', /Give the port as well/],
    ['203.0.113.7:-1', /port must be/],
    ['203.0.113.7:http', /port must be/],
    ['010.0.113.7:443', /leading zeros/],
  ])('refuses %j', (input, reason) => {
    expectRefused('ipPort', input, reason);
  });
});

describe('parseIpWithOptionalPort', () => {
  it.each([
    ['203.0.113.7', { ok: true, address: '203.0.113.7', family: 4 }],
    ['203.0.113.7:8080', { ok: true, address: '203.0.113.7', family: 4, port: 8080 }],
    ['2001:DB8::1', { ok: true, address: '2001:db8::1', family: 6 }],
    ['[2001:db8::1]:8080', { ok: true, address: '2001:db8::1', family: 6, port: 8080 }],
  ])('parses %j', (input, expected) => {
    expect(parseIpWithOptionalPort(input)).toEqual(expected);
  });

  it('refuses garbage with a reason', () => {
    expect(parseIpWithOptionalPort('not an address')).toEqual({
      ok: false,
      reason: 'Not a valid IPv4 address (expected e.g. 203.0.113.7)',
    });
  });
});

describe('email', () => {
  it.each([
    ['Alice.Smith@Example.COM', 'Alice.Smith@example.com'], // local part case kept
    [' a.b+tag@gmail.com ', 'a.b+tag@gmail.com'], // no Gmail dot or tag stripping
    ['user@sub.example.co.uk', 'user@sub.example.co.uk'],
  ])('accepts %j as %s', (input, normalised) => {
    expectAccepted('email', input, normalised);
  });

  it.each([
    ['a@localhost'], // no top-level domain
    ['alice'],
    ['Alice <a@example.com>'],
    ['a@[192.0.2.1]'],
    ['a@@example.com'],
  ])('refuses %j', (input) => {
    expectRefused('email', input, /Not a valid email address/);
  });

  it('refuses an empty value', () => {
    expectRefused('email', ' ', /empty/);
  });
});

describe.each(['accountId', 'username', 'postalItem', 'other'] as const)('%s (free text)', (type) => {
  it.each([
    ['  user_123  ', 'user_123'],
    ['JD 1234 5678 9GB', 'JD 1234 5678 9GB'],
    ['Zoë', 'Zoë'],
    ['x'.repeat(FREE_TEXT_MAX_LENGTH), 'x'.repeat(FREE_TEXT_MAX_LENGTH)],
    ['😀'.repeat(FREE_TEXT_MAX_LENGTH), '😀'.repeat(FREE_TEXT_MAX_LENGTH)], // counted in code points
  ])('accepts %j', (input, normalised) => {
    expectAccepted(type, input, normalised);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['a\nb', /control characters/],
    ['a\tb', /control characters/],
    ['a\u0000b', /control characters/],
    ['x'.repeat(FREE_TEXT_MAX_LENGTH + 1), /longer than 256 characters/],
  ])('refuses %j', (input, reason) => {
    expectRefused(type, input, reason);
  });
});
