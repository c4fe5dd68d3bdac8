/**
 * A statistics return and a list of records made by hand, for the specs of its CSV, XLSX and PDF forms
 * (docs/statistics.md §4). It holds what each rendering must get right: a section drawn as charts and one
 * that is not, a cell of 0, a figure whose total is 0, a count over a thousand, a name that is a spreadsheet
 * formula, a period that starts in GMT and ends in BST, and an identifier that starts with `+`.
 */
import type { StatisticsRecord, StatisticsReturn } from './statistics-return';

export const FIXTURE_MARKING = 'OFFICIAL-SENSITIVE';
/** A formula a spreadsheet would make a live link of, if a text cell were written as it is. */
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","click")';
/** A DDE payload (OWASP "CSV injection"), in a record's data item. */
export const DDE_TEXT = "-2+3+cmd|' /C calc'!A0";
export const E164_IDENTIFIER = '+447700900123';

const link = (figure: string, key: string): string =>
  `/returns/statistics/records?from=2026-01-01&to=2026-03-31&figure=${encodeURIComponent(figure)}&key=${encodeURIComponent(key)}`;

export function statisticsReturnFixture(): StatisticsReturn {
  return {
    marking: FIXTURE_MARKING,
    authority: { id: 'a0000000-0000-4000-8000-000000000001', name: 'Thames Valley Police' },
    period: {
      from: '2026-01-01',
      to: '2026-03-31',
      startsAt: '2026-01-01T00:00:00.000Z',
      // 1 Apr 2026 00:00 BST: the clocks went forward on 29 Mar 2026.
      endsBefore: '2026-03-31T23:00:00.000Z',
      timeZone: 'Europe/London',
    },
    generatedAt: '2026-04-02T08:15:00.000Z',
    generatedBy: FORMULA_TEXT,
    sections: [
      {
        id: 'authorisations',
        title: 'Authorisations',
        chart: true,
        figures: [
          {
            id: 'authorisations.byRoute',
            title: 'Authorisations by route',
            unit: 'authorisations',
            definition: 'Applications authorised in the period, by who authorised them, on the day of the decision (UK time).',
            cells: [
              { key: 'ipc60A', label: 'OCDA on behalf of the IPC (s.60A)', count: 1234, records: link('authorisations.byRoute', 'ipc60A') },
              { key: 'designatedPerson61', label: 'Designated senior officer (s.61)', count: 17, records: link('authorisations.byRoute', 'designatedPerson61') },
              { key: 'urgent61A', label: 'Urgent oral authorisation (s.61A)', count: 0, records: link('authorisations.byRoute', 'urgent61A') },
            ],
            total: 1251,
          },
          {
            id: 'authorisations.refused',
            title: 'Applications refused',
            unit: 'applications',
            definition: 'Applications refused in the period, on the day of the refusal (UK time).',
            cells: [
              { key: 'ipc60A', label: 'Refused by an OCDA', count: 0, records: link('authorisations.refused', 'ipc60A') },
              { key: 'designatedPerson61', label: 'Refused by a designated senior officer', count: 0, records: link('authorisations.refused', 'designatedPerson61') },
            ],
            total: 0,
          },
        ],
      },
      {
        id: 'items',
        title: 'Data items',
        chart: false,
        figures: [
          {
            id: 'items.byKind',
            title: 'Data items by kind',
            unit: 'items',
            definition: 'Items of data in the applications authorised in the period, by what they ask for.',
            cells: [
              { key: 'entity:subscriber', label: 'Subscriber details', count: 42, records: link('items.byKind', 'entity:subscriber') },
              { key: 'events:callDataRecords', label: 'Call records', count: 7, records: link('items.byKind', 'events:callDataRecords') },
              { key: 'notCategorised', label: 'Not categorised', count: 0, records: link('items.byKind', 'notCategorised') },
            ],
            total: 49,
          },
        ],
      },
      {
        id: 'errors',
        title: 'Errors',
        chart: true,
        figures: [
          {
            id: 'errors.byCause',
            title: 'Errors by cause',
            unit: 'errors',
            definition: 'Entries of the CD error register recorded in the period, by their cause.',
            cells: [
              { key: 'humanError', label: 'Human error', count: 3, records: link('errors.byCause', 'humanError') },
              { key: 'technicalError', label: 'Technical error', count: 1, records: link('errors.byCause', 'technicalError') },
            ],
            total: 4,
          },
        ],
      },
    ],
  };
}

export function statisticsRecordsFixture(): StatisticsRecord[] {
  return [
    {
      type: 'application',
      id: 'b0000000-0000-4000-8000-000000000001',
      reference: 'TVP/CD/2026/000042',
      // 13:05 BST
      at: '2026-03-30T12:05:00.000Z',
      item: 'd1',
      identifier: E164_IDENTIFIER,
      href: '/applications/b0000000-0000-4000-8000-000000000001',
    },
    {
      type: 'application',
      id: 'b0000000-0000-4000-8000-000000000002',
      reference: 'TVP/CD/2026/000043',
      at: '2026-02-10T16:40:00.000Z',
      item: DDE_TEXT,
      identifier: '2001:db8::1',
      href: '/applications/b0000000-0000-4000-8000-000000000002',
    },
    {
      type: 'error',
      id: 'c0000000-0000-4000-8000-000000000001',
      reference: null,
      at: '2026-01-15T09:30:00.000Z',
      item: null,
      identifier: null,
      href: '/errors/c0000000-0000-4000-8000-000000000001',
    },
  ];
}
