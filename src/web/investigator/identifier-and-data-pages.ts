import type { FieldError } from '../../http/domain-exception';
import {
  DATA_SUBTYPE_LABELS,
  ICR_CONDITION_LABELS,
  IDENTIFIER_TYPE_LABELS,
  PERIOD_KIND_LABELS,
} from '../../workflow/application-form.labels';
import {
  ENTITY_SUBTYPES,
  EVENTS_SUBTYPES,
  ICR_CONDITIONS,
  IDENTIFIER_TYPES,
  PERIOD_KINDS,
} from '../../workflow/application.types';
import { dateTimeParts, parseDateTime, partsOf, type DateTimeParts } from '../forms/date-time-input';
import { orNull, rowIndices, text } from './form-body';
import { allBlank, choices, definePage, rowList, select, str, withRefs, type Choice } from './question-page-kit';

/**
 * The question pages about what is sought (docs/law.md §3.3–§3.4): the identifiers, each shown back as the service
 * stored it, and the data items with their periods as date-time inputs with an explicit zone. The other four pages
 * are in question-pages.ts, which puts all six in order.
 */
// ---------------------------------------------------------------------------------------------------------------
// Identifiers (docs/law.md §3.3): each stored as typed and as normalised
// ---------------------------------------------------------------------------------------------------------------

interface IdentifierRow {
  ref: string;
  type: string;
  value: string;
  source: string;
  subjectRef: string;
}

interface IdentifiersValues {
  identifiers: IdentifierRow[];
}

export const identifiers = definePage<IdentifiersValues>({
  name: 'identifiers',
  title: 'Identifiers',
  anchor: 'identifiers-0-type',
  fields: ['identifiers'],
  rows: [
    rowList<IdentifiersValues, IdentifierRow>({
      key: 'identifiers',
      get: (v) => v.identifiers,
      set: (_v, rows) => ({ identifiers: rows }),
      blank: () => ({ ref: '', type: '', value: '', source: '', subjectRef: '' }),
      isBlank: (r) => allBlank(r.type, r.value, r.source),
    }),
  ],
  fromForm: (form) => ({
    identifiers: (form.identifiers ?? []).map((i) => ({ ref: i.ref, type: i.type, value: i.value, source: i.source, subjectRef: str(i.subjectRef) })),
  }),
  fromBody: (body) => ({
    identifiers: rowIndices(body, 'identifiers').map((i) => ({
      ref: text(body, `identifiers-${i}-ref`),
      type: text(body, `identifiers-${i}-type`),
      value: text(body, `identifiers-${i}-value`),
      source: text(body, `identifiers-${i}-source`),
      subjectRef: text(body, `identifiers-${i}-subjectRef`),
    })),
  }),
  complete: (v) => ({ identifiers: withRefs(v.identifiers, 'id') }),
  toPlain: (v) => ({
    plain: {
      identifiers: v.identifiers.length
        ? v.identifiers.map((i) => ({ ref: i.ref, type: i.type, value: i.value, source: i.source, subjectRef: orNull(i.subjectRef) }))
        : null,
    },
    errors: [],
  }),
  view: (v, form) => {
    const stored = new Map((form.identifiers ?? []).map((i) => [i.ref, i]));
    return {
      values: v,
      items: {
        types: v.identifiers.map((i) => select(choices(IDENTIFIER_TYPES, IDENTIFIER_TYPE_LABELS), i.type, 'Choose a type')),
      },
      // What the service stored for each row, while the row still says what was saved.
      storedAs: v.identifiers.map((i) => {
        const saved = stored.get(i.ref);
        return saved && saved.value === i.value && saved.type === i.type ? saved.normalisedValue : null;
      }),
      stored: (form.identifiers ?? []).map((i) => ({ ref: i.ref, type: IDENTIFIER_TYPE_LABELS[i.type] ?? i.type, value: i.value, normalisedValue: i.normalisedValue })),
    };
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Data sought (docs/law.md §3.4): periods as date-time inputs with an explicit zone
// ---------------------------------------------------------------------------------------------------------------

const SUBTYPES: readonly Choice[] = [
  ...ENTITY_SUBTYPES.map((s) => ({ value: s, text: `Entity data: ${DATA_SUBTYPE_LABELS[s]}` })),
  ...EVENTS_SUBTYPES.map((s) => ({ value: s, text: `Events data: ${DATA_SUBTYPE_LABELS[s]}` })),
];

/** The category a subtype belongs to (IPA s.261(3)–(4)): the page asks for the subtype only. */
function categoryOf(subtype: string): string | null {
  if ((ENTITY_SUBTYPES as readonly string[]).includes(subtype)) return 'entity';
  if ((EVENTS_SUBTYPES as readonly string[]).includes(subtype)) return 'events';
  return null;
}

const BLANK_TIME: DateTimeParts = { day: '', month: '', year: '', hour: '', minute: '', zone: 'Europe/London' };

interface DataItemRow {
  ref: string;
  identifierRef: string;
  subtype: string;
  periodKind: string;
  periodStart: DateTimeParts;
  periodEnd: DateTimeParts;
  timeZone: string;
  csp: string;
  icrCondition: string;
}

interface DataValues {
  dataItems: DataItemRow[];
}

const timeBlank = (p: DateTimeParts): boolean => allBlank(p.day, p.month, p.year, p.hour, p.minute);

export const data = definePage<DataValues>({
  name: 'data',
  title: 'Data sought',
  anchor: 'dataItems-0-identifierRef',
  fields: ['dataItems'],
  rows: [
    rowList<DataValues, DataItemRow>({
      key: 'dataItems',
      get: (v) => v.dataItems,
      set: (_v, rows) => ({ dataItems: rows }),
      blank: () => ({ ref: '', identifierRef: '', subtype: '', periodKind: '', periodStart: BLANK_TIME, periodEnd: BLANK_TIME, timeZone: '', csp: '', icrCondition: '' }),
      isBlank: (r) => allBlank(r.identifierRef, r.subtype, r.periodKind, r.csp, r.icrCondition) && timeBlank(r.periodStart) && timeBlank(r.periodEnd),
    }),
  ],
  fromForm: (form) => ({
    dataItems: (form.dataItems ?? []).map((d) => ({
      ref: d.ref,
      identifierRef: d.identifierRef,
      subtype: d.subtype,
      periodKind: d.periodKind,
      periodStart: partsOf(d.periodStart) ?? BLANK_TIME,
      periodEnd: partsOf(d.periodEnd) ?? BLANK_TIME,
      timeZone: str(d.timeZone),
      csp: d.csp,
      icrCondition: str(d.icrCondition),
    })),
  }),
  fromBody: (body) => ({
    dataItems: rowIndices(body, 'dataItems').map((i) => ({
      ref: text(body, `dataItems-${i}-ref`),
      identifierRef: text(body, `dataItems-${i}-identifierRef`),
      subtype: text(body, `dataItems-${i}-subtype`),
      periodKind: text(body, `dataItems-${i}-periodKind`),
      periodStart: dateTimeParts(body, `dataItems-${i}-periodStart`),
      periodEnd: dateTimeParts(body, `dataItems-${i}-periodEnd`),
      timeZone: text(body, `dataItems-${i}-timeZone`),
      csp: text(body, `dataItems-${i}-csp`),
      icrCondition: text(body, `dataItems-${i}-icrCondition`),
    })),
  }),
  complete: (v) => ({ dataItems: withRefs(v.dataItems, 'd') }),
  toPlain: (v) => {
    const errors: FieldError[] = [];
    const several = v.dataItems.length > 1;
    const instant = (parts: DateTimeParts, field: string, label: string): string | null => {
      const result = parseDateTime(parts, label);
      if (!result.ok) {
        errors.push({ field, message: result.message, code: 'dateTime' });
        return null;
      }
      return result.iso;
    };
    const dataItems = v.dataItems.map((d, i) => ({
      ref: d.ref,
      identifierRef: d.identifierRef,
      category: categoryOf(d.subtype),
      subtype: d.subtype,
      periodKind: d.periodKind,
      periodStart: instant(d.periodStart, `dataItems[${i}].periodStart`, several ? `The start of data item ${i + 1}’s period` : 'The start of the period'),
      periodEnd: instant(d.periodEnd, `dataItems[${i}].periodEnd`, several ? `The end of data item ${i + 1}’s period` : 'The end of the period'),
      timeZone: orNull(d.timeZone),
      csp: d.csp,
      icrCondition: orNull(d.icrCondition),
    }));
    return { plain: { dataItems: dataItems.length ? dataItems : null }, errors };
  },
  view: (v, form) => {
    const identifierChoices = (form.identifiers ?? []).map((i) => ({
      value: i.ref,
      text: `${i.ref}: ${IDENTIFIER_TYPE_LABELS[i.type] ?? i.type} ${i.normalisedValue}`,
    }));
    return {
      values: v,
      hasIdentifiers: identifierChoices.length > 0,
      items: {
        identifierRefs: v.dataItems.map((d) => select(identifierChoices, d.identifierRef, 'Choose an identifier')),
        subtypes: v.dataItems.map((d) => select(SUBTYPES, d.subtype, 'Choose the data sought')),
        periodKinds: v.dataItems.map((d) => select(choices(PERIOD_KINDS, PERIOD_KIND_LABELS), d.periodKind, 'Choose the kind of period')),
        icrConditions: v.dataItems.map((d) => select(choices(ICR_CONDITIONS, ICR_CONDITION_LABELS), d.icrCondition, 'Not an internet connection record')),
      },
    };
  },
});
