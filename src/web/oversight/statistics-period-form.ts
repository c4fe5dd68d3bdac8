/**
 * The period of the statistics return as the page asks for it (docs/statistics.md §1): two GOV.UK date inputs,
 * the first and the last day, sent by a GET form, or the two dates written YYYY-MM-DD as every link of the
 * return carries them. This only turns what was typed into the API's `from` and `to`: whether the period is
 * allowed (the last day not before the first, at most 13 months) is the service's rule, refused by it with the
 * field named. Pure.
 */
import { formatIsoDate, parseIsoDate } from '../../workflow/london-time';

export type PeriodField = 'from' | 'to';

/** The six boxes as typed, to show them again. */
export type PeriodValues = Record<`${PeriodField}${'Day' | 'Month' | 'Year'}`, string>;

export type PeriodFormResult =
  | { kind: 'empty' }
  | { kind: 'period'; from: string; to: string; values: PeriodValues }
  | { kind: 'invalid'; values: PeriodValues; errors: { field: PeriodField; message: string }[] };

const WORDS: Readonly<Record<PeriodField, string>> = { from: 'The first day', to: 'The last day' };
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

type DateResult = { date: string } | { message: string };

function realDate(date: string): boolean {
  try {
    // parseIsoDate refuses a day off the calendar (30 February, month 13).
    parseIsoDate(date);
    return true;
  } catch {
    return false;
  }
}

/** A date as a link writes it (YYYY-MM-DD). */
function fromLink(field: PeriodField, value: string): DateResult {
  return ISO.test(value) && realDate(value) ? { date: value } : { message: `${WORDS[field]} must be a real date` };
}

/** A date as the three boxes give it, or what is wrong with them in the GOV.UK date pattern's words. */
function fromBoxes(field: PeriodField, day: string, month: string, year: string): DateResult {
  const missing = (['day', 'month', 'year'] as const).filter((_, i) => [day, month, year][i] === '');
  if (missing.length === 3) return { message: `Enter ${WORDS[field].toLowerCase()} of the period` };
  if (missing.length) return { message: `${WORDS[field]} must include a ${missing.join(' and a ')}` };
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return { message: `${WORDS[field]} must be a real date` };
  const date = formatIsoDate(Number(year), Number(month), Number(day));
  return realDate(date) ? { date } : { message: `${WORDS[field]} must be a real date` };
}

/** The boxes showing a real date written YYYY-MM-DD (empty for anything else). */
function boxesOf(field: PeriodField, result: DateResult): Partial<PeriodValues> {
  if (!('date' in result)) return { [`${field}Day`]: '', [`${field}Month`]: '', [`${field}Year`]: '' };
  const { year, month, day } = parseIsoDate(result.date);
  return { [`${field}Day`]: String(day), [`${field}Month`]: String(month), [`${field}Year`]: String(year) };
}

/** The period from the query string: the two dates of a link, or the six boxes of the form; nothing asked yet is `empty`. */
export function parsePeriodForm(query: Record<string, unknown>): PeriodFormResult {
  const linked = text(query.from) !== '' || text(query.to) !== '';
  const boxes: PeriodValues = {
    fromDay: text(query['from-day']),
    fromMonth: text(query['from-month']),
    fromYear: text(query['from-year']),
    toDay: text(query['to-day']),
    toMonth: text(query['to-month']),
    toYear: text(query['to-year']),
  };
  if (!linked && Object.values(boxes).every((v) => v === '')) return { kind: 'empty' };
  const read = (field: PeriodField): DateResult =>
    linked ? fromLink(field, text(query[field])) : fromBoxes(field, boxes[`${field}Day`], boxes[`${field}Month`], boxes[`${field}Year`]);
  const [first, last] = [read('from'), read('to')];
  const values: PeriodValues = linked ? ({ ...boxesOf('from', first), ...boxesOf('to', last) } as PeriodValues) : boxes;
  if ('date' in first && 'date' in last) return { kind: 'period', from: first.date, to: last.date, values };
  const errors = ([['from', first], ['to', last]] as const).flatMap(([field, result]) => ('message' in result ? [{ field, message: result.message }] : []));
  return { kind: 'invalid', values, errors };
}

/** The boxes showing a period written YYYY-MM-DD (the form's first answer, before anything is asked). */
export function valuesOf(from: string, to: string): PeriodValues {
  return { ...boxesOf('from', { date: from }), ...boxesOf('to', { date: to }) } as PeriodValues;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A day written YYYY-MM-DD as a person reads it: `1 January 2026`. */
export function dayInWords(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
