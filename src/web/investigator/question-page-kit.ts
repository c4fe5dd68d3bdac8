import type { FieldError } from '../../http/domain-exception';
import type { ApplicationForm } from '../../workflow/application.types';
import type { FormBody } from './form-body';

/**
 * What every question page is made of (src/web/investigator/question-pages.ts defines the six): its name and
 * state, its "add another" lists, and the helpers its views use for GOV.UK radios and selects. No rule of the
 * application is here.
 */
export const QUESTION_PAGES = ['about', 'purpose', 'subjects', 'identifiers', 'data', 'justification'] as const;
export type QuestionPageName = (typeof QUESTION_PAGES)[number];

/** What the page's form becomes for the API, and what in it could not be read (a date that is not one). */
export interface PagePlain {
  plain: Record<string, unknown>;
  errors: FieldError[];
}

/** An answer page's state: what it shows, its add-another buttons, and what it saves. */
export interface PageState {
  /** The answers and choices for the view, the stored form giving what only it knows (identifiers as stored). */
  view(form: ApplicationForm): Record<string, unknown>;
  /** The page after an "Add another" or "Remove" button (`action`), or null when `action` is neither. */
  afterRowAction(action: string): PageState | null;
  /** The page without the rows left blank, new rows given their reference: what is saved and shown again. */
  compact(): PageState;
  toPlain(): PagePlain;
}

export interface QuestionPage {
  name: QuestionPageName;
  title: string;
  /** The id a refusal without a field of this page points at. */
  anchor: string;
  /** Whether a field path (`identifiers[0].value`) is answered on this page. */
  owns(field: string): boolean;
  fromForm(form: ApplicationForm): PageState;
  fromBody(body: FormBody): PageState;
}

export interface RowList<V, R> {
  key: string;
  get(values: V): R[];
  set(values: V, rows: R[]): V;
  blank(): R;
  isBlank(row: R): boolean;
}

/** An "add another" list with its row type hidden: what the page does with it. */
export interface RowOps<V> {
  key: string;
  /** At least one row, blank when none is given, so the page always asks. */
  atLeastOne(values: V): V;
  add(values: V): V;
  remove(values: V, index: number): V;
  dropBlank(values: V): V;
}

export function rowList<V, R>(list: RowList<V, R>): RowOps<V> {
  return {
    key: list.key,
    atLeastOne: (v) => (list.get(v).length ? v : list.set(v, [list.blank()])),
    add: (v) => list.set(v, [...(list.get(v).length ? list.get(v) : [list.blank()]), list.blank()]),
    remove: (v, index) => list.set(v, list.get(v).filter((_row, i) => i !== index)),
    dropBlank: (v) => list.set(v, list.get(v).filter((row) => !list.isBlank(row))),
  };
}

export interface PageSpec<V> {
  name: QuestionPageName;
  title: string;
  anchor: string;
  fields: readonly string[];
  rows: readonly RowOps<V>[];
  fromForm(form: ApplicationForm): V;
  fromBody(body: FormBody): V;
  /** Gives new rows what they need before saving (generated references). */
  complete?(values: V): V;
  toPlain(values: V): PagePlain;
  view(values: V, form: ApplicationForm): Record<string, unknown>;
}

export function definePage<V>(spec: PageSpec<V>): QuestionPage {
  const withRows = (v: V): V => spec.rows.reduce((acc, list) => list.atLeastOne(acc), v);
  const state = (v: V): PageState => ({
    view: (form) => spec.view(withRows(v), form),
    afterRowAction(action) {
      for (const list of spec.rows) {
        if (action === `add-${list.key}`) return state(list.add(v));
        const remove = new RegExp(`^remove-${list.key}-(\\d{1,3})$`).exec(action);
        if (remove) return state(list.remove(v, Number(remove[1])));
      }
      return null;
    },
    compact() {
      const kept = spec.rows.reduce((acc, list) => list.dropBlank(acc), v);
      return state(spec.complete ? spec.complete(kept) : kept);
    },
    toPlain: () => spec.toPlain(v),
  });
  return {
    name: spec.name,
    title: spec.title,
    anchor: spec.anchor,
    owns: (field) => spec.fields.some((f) => field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`)),
    fromForm: (form) => state(spec.fromForm(form)),
    fromBody: (body) => state(spec.fromBody(body)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers for the views: GOV.UK radios and selects from a vocabulary and its words.
// ---------------------------------------------------------------------------------------------------------------

export interface Choice {
  value: string;
  text: string;
}

export const choices = <K extends string>(codes: readonly K[], labels: Readonly<Record<K, string>>): Choice[] => codes.map((code) => ({ value: code, text: labels[code] }));
export const radios = (options: readonly Choice[], chosen: string) => options.map((o) => ({ ...o, checked: o.value === chosen }));
export const select = (options: readonly Choice[], chosen: string, placeholder: string) => [
  { value: '', text: placeholder, selected: chosen === '' },
  ...options.map((o) => ({ ...o, selected: o.value === chosen })),
];
export const str = (value: string | null | undefined): string => value ?? '';
export const yesNo = (value: boolean | null | undefined): string => (value === true ? 'yes' : value === false ? 'no' : '');
export const fromYesNo = (value: string): boolean | null => (value === 'yes' ? true : value === 'no' ? false : null);
export const YES_NO: Choice[] = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
];
export const allBlank = (...parts: string[]): boolean => parts.every((p) => p === '');

/** The next free reference `<prefix><n>` (id1, id2… or d1, d2…) for rows added on the page. */
export function withRefs<R extends { ref: string }>(rows: R[], prefix: string): R[] {
  const used = new Set(rows.map((r) => r.ref).filter(Boolean));
  let n = 1;
  return rows.map((row) => {
    if (row.ref) return row;
    while (used.has(`${prefix}${n}`)) n += 1;
    const ref = `${prefix}${n}`;
    used.add(ref);
    return { ...row, ref };
  });
}
