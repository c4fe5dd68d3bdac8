import { parsePeriodForm, valuesOf } from './statistics-period-form';

const boxes = (from: [string, string, string], to: [string, string, string]) => ({
  'from-day': from[0],
  'from-month': from[1],
  'from-year': from[2],
  'to-day': to[0],
  'to-month': to[1],
  'to-year': to[2],
});

describe('the statistics period form', () => {
  it('is empty before anything is asked', () => {
    expect(parsePeriodForm({})).toEqual({ kind: 'empty' });
    expect(parsePeriodForm(boxes(['', '', ''], ['', '', '']))).toEqual({ kind: 'empty' });
  });

  it('reads the six boxes as two dates written YYYY-MM-DD, showing them as typed', () => {
    const result = parsePeriodForm(boxes([' 1', '1', '2026'], ['31', '12', '2026']));
    expect(result).toEqual({
      kind: 'period',
      from: '2026-01-01',
      to: '2026-12-31',
      values: { fromDay: '1', fromMonth: '1', fromYear: '2026', toDay: '31', toMonth: '12', toYear: '2026' },
    });
  });

  it('reads the two dates of a link, and shows them in the boxes', () => {
    expect(parsePeriodForm({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ kind: 'period', from: '2026-03-01', to: '2026-03-31', values: valuesOf('2026-03-01', '2026-03-31') });
    expect(valuesOf('2026-03-01', '2026-03-31')).toEqual({ fromDay: '1', fromMonth: '3', fromYear: '2026', toDay: '31', toMonth: '3', toYear: '2026' });
  });

  it('names each wrong date in the GOV.UK date pattern’s words', () => {
    expect(parsePeriodForm(boxes(['', '', ''], ['30', '2', '2026']))).toMatchObject({
      kind: 'invalid',
      errors: [
        { field: 'from', message: 'Enter the first day of the period' },
        { field: 'to', message: 'The last day must be a real date' },
      ],
    });
    expect(parsePeriodForm(boxes(['1', '', ''], ['1', '13', '26']))).toMatchObject({
      errors: [
        { field: 'from', message: 'The first day must include a month and a year' },
        { field: 'to', message: 'The last day must be a real date' },
      ],
    });
    expect(parsePeriodForm({ from: '2026-02-30', to: 'yesterday' })).toMatchObject({
      kind: 'invalid',
      values: { fromDay: '', toDay: '' },
      errors: [
        { field: 'from', message: 'The first day must be a real date' },
        { field: 'to', message: 'The last day must be a real date' },
      ],
    });
  });

  it('leaves whether the period is allowed to the service: a last day before the first is still a period here', () => {
    expect(parsePeriodForm({ from: '2026-03-31', to: '2026-03-01' })).toMatchObject({ kind: 'period', from: '2026-03-31', to: '2026-03-01' });
  });
});
