/**
 * The statistics return as data (docs/statistics.md): what `GET /returns/statistics` answers as JSON and
 * what its CSV, XLSX and PDF forms render. Pure types: no Nest, no TypeORM, no I/O.
 *
 * A return is a list of sections; a section is a list of figures; a figure is a list of cells, one per
 * value of what it counts by (zero cells included, so every return of the same period shape has the same
 * rows). Every cell carries the link that lists the records behind it, and that list is exactly `count`
 * long (docs/statistics.md §3).
 */

/** What one figure counts: the unit a manager reads the number in. */
export type StatisticsUnit = 'applications' | 'events' | 'authorisations' | 'items' | 'records' | 'errors';

export interface StatisticsCell {
  /** The value counted by, as a machine code (`ipc60A`, `entity:subscriber`, `notCategorised`). */
  key: string;
  /** The same value in words, as a manager reads it. */
  label: string;
  count: number;
  /** The relative link that lists the records behind this cell (`/returns/statistics/records?...`). */
  records: string;
}

export interface StatisticsFigure {
  /** Stable machine id, unique in the return (`authorisations.byRoute`). */
  id: string;
  title: string;
  unit: StatisticsUnit;
  /** Which records, which event and which date put a record in the period: the definition, in words. */
  definition: string;
  cells: StatisticsCell[];
  /** The sum of the cells: each record once, except where a figure counts a record once per value it has (subject categories). */
  total: number;
}

export interface StatisticsSection {
  id: string;
  title: string;
  /** Whether the PDF draws the section's figures as bar charts (a manager would rather look than read). */
  chart: boolean;
  figures: StatisticsFigure[];
}

export interface StatisticsPeriod {
  /** The first day counted, a Europe/London calendar date (YYYY-MM-DD). */
  from: string;
  /** The last day counted, inclusive, a Europe/London calendar date. */
  to: string;
  /** The instant the first day starts in Europe/London, ISO 8601 UTC. */
  startsAt: string;
  /** The instant the day after the last one starts in Europe/London, ISO 8601 UTC (excluded). */
  endsBefore: string;
  timeZone: 'Europe/London';
}

export interface StatisticsReturn {
  /** The protective marking every rendering carries first (CSV and XLSX: the first row; PDF: every page). */
  marking: string;
  authority: { id: string; name: string };
  period: StatisticsPeriod;
  /** When the return was produced, ISO 8601 UTC. */
  generatedAt: string;
  generatedBy: string;
  sections: StatisticsSection[];
}

/** One record behind a cell, as the drill-down lists it. */
export interface StatisticsRecord {
  /** What the record is: an application (or an imported RIPA record), or a register entry. */
  type: 'application' | 'error';
  id: string;
  /** The application's URN; null for a register entry (its own link names it). */
  reference: string | null;
  /** The instant that put the record in the period (the event's, or the record's own date), ISO 8601 UTC. */
  at: string;
  /** The data item's reference within the application, for figures counted in items; otherwise null. */
  item: string | null;
  /** The identifier the data item names, as normalised (an E.164 number, an address), for figures counted in items; otherwise null. */
  identifier: string | null;
  /** The link to the record itself (`/applications/:id`, `/errors/:id`). */
  href: string;
}
