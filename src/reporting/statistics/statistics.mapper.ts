/**
 * The return and a cell's list as the API answers them (docs/statistics.md §1, §3). Pure: counts in, the
 * return out. Every value a figure names is a cell, at zero too; a value the database holds that the figure
 * does not name (an older code) is a cell of its own, so no record is ever dropped from a total.
 */
import { OTHER_VALUE_LABEL, type FigureDefinition, type SectionDefinition } from './statistics.figures';
import type { CellRow } from './statistics.queries';
import type { StatisticsFigure, StatisticsPeriod, StatisticsRecord, StatisticsSection } from './statistics-return';

/** The link that lists the records behind one cell. */
export function cellLink(period: StatisticsPeriod, figureId: string, key: string): string {
  const query = new URLSearchParams({ from: period.from, to: period.to, figure: figureId, key });
  return `/returns/statistics/records?${query.toString()}`;
}

export function toFigure(definition: FigureDefinition, counts: ReadonlyMap<string, number>, period: StatisticsPeriod): StatisticsFigure {
  const named = new Set(definition.cells.map(([key]) => key));
  const keys: (readonly [string, string])[] = [
    ...definition.cells,
    ...[...counts.keys()].filter((key) => !named.has(key)).sort().map((key) => [key, OTHER_VALUE_LABEL(key)] as const),
  ];
  const cells = keys.map(([key, label]) => ({ key, label, count: counts.get(key) ?? 0, records: cellLink(period, definition.id, key) }));
  return {
    id: definition.id,
    title: definition.title,
    unit: definition.unit,
    definition: definition.definition,
    cells,
    total: cells.reduce((sum, cell) => sum + cell.count, 0),
  };
}

export function toSection(definition: SectionDefinition, figures: StatisticsFigure[]): StatisticsSection {
  return { id: definition.id, title: definition.title, chart: definition.chart, figures };
}

export function toRecord(type: StatisticsRecord['type'], row: CellRow): StatisticsRecord {
  return {
    type,
    id: row.id,
    reference: row.reference,
    at: row.at,
    item: row.item,
    identifier: row.identifier,
    href: type === 'application' ? `/applications/${row.id}` : `/errors/${row.id}`,
  };
}
