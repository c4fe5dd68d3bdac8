import type { Hi1Input } from './hi1-input';
import { buildCopyPack, COPY_PACK_MARKING, formatBothZones, formatInZone } from './copy-pack';
import { instantFromIso } from './hi1-message';

function sampleInput(): Hi1Input {
  return {
    requestId: 'dr-2026-000042',
    createdAt: new Date('2026-03-10T09:15:30Z'),
    authority: { id: 'EXC-SPOC-01', name: 'Example Constabulary', countryCode: 'GB' },
    authorisation: {
      urn: 'EXC/CD/2026/000123',
      reference: 'EXC/CD/2026/000123',
      route: 'ipc60A',
      grantedAt: new Date('2026-03-09T14:03:00Z'),
      validFrom: new Date('2026-03-09T14:03:00Z'),
      expiresAt: new Date('2026-04-08T22:59:59.999Z'),
      authoriserName: 'Alex Example',
      authoriserOfficeRank: 'Authorising Officer, OCDA',
    },
    csp: { id: 'csp-7', name: 'Example Mobile Ltd', countryCode: 'GB', etsiEndpointId: 'EXAMPLE-MOBILE', timeZone: 'Europe/London' },
    items: [
      {
        ref: 'D1',
        identifier: { ref: 'I1', type: 'msisdn', normalisedValue: '+447700900123' },
        category: 'entity',
        subtype: 'subscriber',
        periodKind: 'historic',
        periodStart: '2026-03-01T00:00:00+00:00',
        periodEnd: '2026-03-31T23:59:59.999+01:00',
        timeZone: null,
      },
      {
        ref: 'D2',
        identifier: { ref: 'I2', type: 'ipv4', normalisedValue: '203.0.113.7' },
        category: 'entity',
        subtype: 'ipAddressResolution',
        periodKind: 'historic',
        periodStart: '2026-03-29T02:14:07+01:00',
        periodEnd: '2026-03-29T01:14:07Z',
        timeZone: 'Europe/London',
      },
      {
        ref: 'D3',
        identifier: { ref: 'I3', type: 'email', normalisedValue: 'John.Smith+cd@exämple.com' },
        category: 'events',
        subtype: 'emailConnectionLogs',
        periodKind: 'historic',
        periodStart: '2026-02-01T00:00:00Z',
        periodEnd: '2026-02-28T23:59:59Z',
        timeZone: 'America/New_York',
      },
    ],
  };
}

/** The labels of one item's block, in order. */
function labelsOfBlock(pack: string, index: number): string[] {
  const block = pack.split('\n\n').find((b) => b.startsWith(`Item ${index} of `)) ?? '';
  return block.split('\n').slice(1).map((l) => l.slice(0, l.indexOf(':')));
}

describe('buildCopyPack', () => {
  it('is marked OFFICIAL-SENSITIVE at the top and the bottom', () => {
    const lines = buildCopyPack(sampleInput()).split('\n');
    expect(lines[0]).toBe(COPY_PACK_MARKING);
    expect(COPY_PACK_MARKING).toBe('OFFICIAL-SENSITIVE');
    expect(lines[lines.length - 2]).toBe(COPY_PACK_MARKING);
    expect(lines[lines.length - 1]).toBe('');
  });

  it('prints each identifier value verbatim, on its own line', () => {
    const input = sampleInput();
    const lines = buildCopyPack(input).split('\n');
    for (const item of input.items) {
      const value = item.identifier.normalisedValue;
      expect(lines.filter((l) => /^Identifier:\s+/.test(l) && l.replace(/^Identifier:\s+/, '') === value)).toHaveLength(1);
    }
    // Byte for byte: nothing is trimmed, recomposed or re-cased.
    expect(Buffer.from(buildCopyPack(input), 'utf8').includes(Buffer.from('John.Smith+cd@exämple.com', 'utf8'))).toBe(true);
  });

  it('gives every period time in UTC and in UK time with the zone named', () => {
    const pack = buildCopyPack(sampleInput());
    expect(pack).toContain('Period start:                       2026-03-01 00:00:00 UTC (1 Mar 2026 00:00 GMT)');
    expect(pack).toContain('Period end:                         2026-03-31 22:59:59.999 UTC (31 Mar 2026 23:59:59.999 BST)');
    // The IP resolution at one instant: the day the clocks go forward, seconds kept in both forms.
    expect(pack).toContain('At the time:                        2026-03-29 01:14:07 UTC (29 Mar 2026 02:14:07 BST)');
    expect(pack).toContain('Period end:                         2026-02-28 23:59:59 UTC (28 Feb 2026 23:59:59 GMT)');
    expect(pack).toContain('Valid until:                        2026-04-08 22:59:59.999 UTC (8 Apr 2026 23:59:59.999 BST)');
  });

  it('formats an instant in both zones, keeping seconds and fractions', () => {
    expect(formatBothZones(instantFromIso('2026-03-01T00:00:00+00:00'))).toBe('2026-03-01 00:00:00 UTC (1 Mar 2026 00:00 GMT)');
    expect(formatBothZones(instantFromIso('2026-07-01T09:05:00+01:00'))).toBe('2026-07-01 08:05:00 UTC (1 Jul 2026 09:05 BST)');
    expect(formatBothZones(instantFromIso('2026-10-25T01:30:00.5Z'))).toBe('2026-10-25 01:30:00.5 UTC (25 Oct 2026 01:30:00.5 GMT)');
    expect(formatBothZones(instantFromIso('2026-10-25T00:30:00Z'))).toBe('2026-10-25 00:30:00 UTC (25 Oct 2026 01:30 BST)');
    expect(formatInZone(instantFromIso('2026-03-01T00:00:00Z'), 'America/Los_Angeles')).toBe('2026-02-28 16:00:00 America/Los_Angeles (UTC-08:00)');
    expect(formatInZone(instantFromIso('2026-03-05T10:00:00.25+05:30'), 'Asia/Kolkata')).toBe('2026-03-05 10:00:00.25 Asia/Kolkata (UTC+05:30)');
  });

  it("names the CSP's own time zone, with the times in it, only when it is not UK time", () => {
    expect(buildCopyPack(sampleInput())).not.toContain("CSP's records are kept in");
    const input = sampleInput();
    input.csp = { ...input.csp, timeZone: 'America/Los_Angeles' };
    const pack = buildCopyPack(input);
    expect(pack).toContain("CSP's records are kept in:          America/Los_Angeles, not UK time");
    expect(pack).toContain("Period start, CSP's local time:     2026-02-28 16:00:00 America/Los_Angeles (UTC-08:00)");
    expect(pack).toContain("Period end, CSP's local time:       2026-03-31 15:59:59.999 America/Los_Angeles (UTC-07:00)");
    expect(pack).toContain("At the time, CSP's local time:      2026-03-28 18:14:07 America/Los_Angeles (UTC-07:00)");
    input.csp = { ...input.csp, timeZone: 'Not/AZone' };
    expect(() => buildCopyPack(input)).toThrow(RangeError);
  });

  it('asks a CSP that has declared no time zone for every time with its offset', () => {
    const input = sampleInput();
    input.csp = { ...input.csp, timeZone: null };
    const pack = buildCopyPack(input);
    expect(pack).toContain("CSP's time zone:                    none declared: give every time with its UTC offset");
    expect(pack).not.toContain("CSP's records are kept in");
  });

  it('writes every block with the same fields in the same order', () => {
    const pack = buildCopyPack(sampleInput());
    const common = ['Authorisation URN', 'Communications service provider', 'Data requested', 'Identifier type', 'Identifier', 'Period'];
    expect(labelsOfBlock(pack, 1)).toEqual([...common, 'Period start', 'Period end', 'Our item reference']);
    expect(labelsOfBlock(pack, 2)).toEqual([...common, 'At the time', 'Our item reference']);
    expect(labelsOfBlock(pack, 3)).toEqual([...common, 'Period start', 'Period end', 'Time zone the applicant worked in', 'Our item reference']);
    expect(pack).toContain('Identifier type:                    Telephone number (international format)');
    expect(pack).toContain('Data requested:                     Email connection logs (events data)');
  });

  it('is plain English, without the service internal codes', () => {
    const input = sampleInput();
    input.authorisation = { ...input.authorisation, reference: 'EXC/CD/2026/000120' };
    const pack = buildCopyPack(input);
    for (const code of ['ipc60A', 'msisdn', 'ipv4', 'ipAddressResolution', 'emailConnectionLogs', 'subscriber', 'historic', 'entity:', 'GB/']) {
      expect(pack).not.toContain(code);
    }
    expect(pack).toContain('Application reference:              EXC/CD/2026/000120');
    expect(pack).toContain('Authorised by:                      Office for Communications Data Authorisations, section 60A of the Investigatory Powers Act 2016');
  });

  it('needs no HI-1 endpoint: it is for a portal-only CSP', () => {
    const input = sampleInput();
    input.csp = { id: 'csp-9', name: 'Portal Only Ltd', etsiEndpointId: null, timeZone: 'Europe/London' };
    expect(buildCopyPack(input)).toContain('Communications service provider:    Portal Only Ltd');
  });

  it('gives the same text for the same input', () => {
    expect(buildCopyPack(sampleInput())).toBe(buildCopyPack(sampleInput()));
  });

  it('refuses a value that could not be copied faithfully, and what the message refuses', () => {
    const input = sampleInput();
    input.items[0].identifier.normalisedValue = 'acct\n42';
    expect(() => buildCopyPack(input)).toThrow(RangeError);
    const empty = { ...sampleInput(), items: [] };
    expect(() => buildCopyPack(empty)).toThrow(RangeError);
  });
});
