import { spanInWords, writtenRecordClock } from './written-record-clock';

describe('spanInWords', () => {
  it('says minutes under an hour, hours under two days, then days and hours, always rounded down', () => {
    expect(spanInWords(30_000)).toBe('less than a minute');
    expect(spanInWords(60_000)).toBe('1 minute');
    expect(spanInWords(59 * 60_000)).toBe('59 minutes');
    expect(spanInWords(5 * 3_600_000 + 59 * 60_000)).toBe('5 hours');
    expect(spanInWords(3_600_000)).toBe('1 hour');
    expect(spanInWords(47 * 3_600_000)).toBe('47 hours');
    expect(spanInWords(48 * 3_600_000)).toBe('2 days');
    expect(spanInWords(75 * 3_600_000)).toBe('3 days 3 hours');
  });
});

describe('writtenRecordClock', () => {
  it('is null when no written record is outstanding', () => {
    expect(writtenRecordClock(null, new Date())).toBeNull();
    expect(writtenRecordClock('not a time', new Date())).toBeNull();
  });

  it('gives the due time in UK time with the zone, and the time left', () => {
    const clock = writtenRecordClock('2026-11-27T14:03:00.000Z', new Date('2026-11-27T09:00:00.000Z'));
    expect(clock).toEqual({
      dueBy: '27 Nov 2026 14:03 GMT',
      overdue: false,
      span: '5 hours',
      text: 'Written record due by 27 Nov 2026 14:03 GMT — 5 hours left',
    });
  });

  it('says in words when it is overdue, and by how long', () => {
    const clock = writtenRecordClock('2026-03-03T23:59:59.999Z', new Date('2026-03-04T10:00:00.000Z'));
    expect(clock?.overdue).toBe(true);
    expect(clock?.text).toBe('Written record overdue: it was due by 3 Mar 2026 23:59 GMT, 10 hours ago');
  });

  it('names BST in summer', () => {
    expect(writtenRecordClock('2026-06-02T22:59:59.999Z', new Date('2026-06-02T10:00:00.000Z'))?.dueBy).toBe('2 Jun 2026 23:59 BST');
  });
});
