import { listOrNone, londonTime, spellOut, wordsFor, yesNo } from './plain-english';

describe('plain English for documents', () => {
  it('prints ISO instants as London time with the zone, whatever offset they were given in', () => {
    expect(londonTime('2026-12-18T14:03:00.000Z')).toBe('18 Dec 2026 14:03 GMT');
    expect(londonTime('2026-07-01T09:05:00+01:00')).toBe('1 Jul 2026 09:05 BST');
    expect(londonTime('2026-07-01T04:05:00-04:00')).toBe('1 Jul 2026 09:05 BST');
    expect(londonTime('2026-03-13T23:59:59.999Z')).toBe('13 Mar 2026 23:59 GMT');
  });

  it('leaves text that is not an instant as it is', () => {
    expect(londonTime('not recorded')).toBe('not recorded');
    expect(londonTime('2026-02-16')).toBe('2026-02-16');
    expect(londonTime('2026-13-45T99:99:00Z')).toBe('2026-13-45T99:99:00Z');
  });

  it('prints codes as the words of their table, and spells out a code the table lacks', () => {
    const labels = { reportedToIpc: 'Reported to the IPC' };
    expect(wordsFor(labels, 'reportedToIpc')).toBe('Reported to the IPC');
    expect(wordsFor(labels, 'seriousErrorInvestigation')).toBe('Serious error investigation');
    expect(wordsFor(labels, 'toString')).toBe('To string');
    expect(spellOut('REPORT_TO_IPC')).toBe('Report to ipc');
    expect(spellOut('HTTPServerError')).toBe('Http server error');
    expect(spellOut('not recorded')).toBe('Not recorded');
  });

  it('prints flags as Yes/No and lists one per line or None', () => {
    expect(yesNo(true)).toBe('Yes');
    expect(yesNo(false)).toBe('No');
    expect(listOrNone([])).toBe('None');
    expect(listOrNone(['a', 'b'])).toBe('a\nb');
  });
});
