import { parseDateTime, partsOf, type DateTimeParts } from './date-time-input';

const at = (over: Partial<DateTimeParts>): DateTimeParts => ({ day: '1', month: '3', year: '2026', hour: '09', minute: '30', zone: 'Europe/London', ...over });

describe('parseDateTime', () => {
  it('reads UK time in winter as GMT and in summer as BST', () => {
    expect(parseDateTime(at({}), 'Start')).toEqual({ ok: true, iso: '2026-03-01T09:30:00+00:00' });
    expect(parseDateTime(at({ month: '7' }), 'Start')).toEqual({ ok: true, iso: '2026-07-01T09:30:00+01:00' });
  });

  it('reads UTC as UTC whatever the season', () => {
    expect(parseDateTime(at({ month: '7', zone: 'UTC' }), 'Start')).toEqual({ ok: true, iso: '2026-07-01T09:30:00+00:00' });
  });

  it('refuses the hour skipped and the hour repeated in UK time, asking for UTC', () => {
    // 2026: clocks go forward 29 March 01:00 GMT, back 25 October 02:00 BST.
    expect(parseDateTime(at({ day: '29', month: '3', hour: '01', minute: '30' }), 'Start')).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
    expect(parseDateTime(at({ day: '25', month: '10', hour: '01', minute: '30' }), 'Start')).toMatchObject({ ok: false, message: expect.stringContaining('happened twice') });
  });

  it('refuses impossible dates, missing parts and an unknown zone; all empty is "not given"', () => {
    expect(parseDateTime(at({ day: '31', month: '2' }), 'Start')).toMatchObject({ ok: false });
    expect(parseDateTime(at({ hour: '' }), 'Start')).toMatchObject({ ok: false, message: 'Start must include an hour and minute (24-hour clock)' });
    expect(parseDateTime(at({ zone: 'America/New_York' }), 'Start')).toMatchObject({ ok: false });
    expect(parseDateTime({ day: '', month: '', year: '', hour: '', minute: '', zone: 'Europe/London' }, 'Start')).toEqual({ ok: true, iso: null });
  });

  it('shows an instant again in UK time', () => {
    expect(partsOf('2026-07-01T08:30:00Z')).toEqual({ day: '1', month: '7', year: '2026', hour: '09', minute: '30', zone: 'Europe/London' });
  });
});
