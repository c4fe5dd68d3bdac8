import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthorityEntity } from '../../auth/authority.entity';
import type { Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { UnitOfWork } from '../../database/unit-of-work';
import { DomainException } from '../../http/domain-exception';
import type { Clock } from '../../workflow/clock';
import { RECORD_MARKING } from '../application-record.view';
import { statisticsPeriod } from './statistics-period';
import type { StatisticsPeriod, StatisticsRecord, StatisticsReturn } from './statistics-return';
import { cellLabel, STATISTICS_FIGURES, STATISTICS_SECTIONS } from './statistics.figures';
import { toFigure, toRecord, toSection } from './statistics.mapper';
import { StatisticsQueries } from './statistics.queries';
import { createStatisticsPdfPool } from './statistics.worker';

/** One page of the records behind a cell (docs/statistics.md §3). */
export interface StatisticsRecordList {
  marking: string;
  authority: { id: string; name: string };
  figure: string;
  figureTitle: string;
  key: string;
  label: string;
  period: StatisticsPeriod;
  /** How many records the cell counts: its count in the return for the same period. */
  total: number;
  page: number;
  pageSize: number;
  items: StatisticsRecord[];
  /** When the list was produced, ISO 8601 UTC, and by whom. */
  generatedAt: string;
  generatedBy: string;
}

/**
 * The statistics return of the caller's authority (docs/statistics.md): each figure one GROUP BY over
 * indexed columns, all in one read, so the figures agree with one another; and the records behind any
 * cell, from the same definition. Only the caller's own authority is ever read.
 */
@Injectable()
export class StatisticsService implements OnModuleDestroy {
  /** Return PDFs are rendered here, off the event loop. */
  readonly pdfWorkers = createStatisticsPdfPool();

  constructor(
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  statisticsReturn(principal: Principal, from: string, to: string): Promise<StatisticsReturn> {
    const period = periodOrRefuse(from, to);
    return this.uow.read(async (m) => {
      const bindings = { authority: principal.authorityId, start: period.startsAt, end: period.endsBefore };
      const sections = [];
      for (const section of STATISTICS_SECTIONS) {
        const figures = [];
        for (const figure of section.figures) figures.push(toFigure(figure, await StatisticsQueries.counts(m, figure, bindings), period));
        sections.push(toSection(section, figures));
      }
      return {
        marking: RECORD_MARKING,
        authority: { id: principal.authorityId, name: await authorityName(m, principal.authorityId) },
        period,
        generatedAt: this.clock.now().toISOString(),
        generatedBy: principal.displayName,
        sections,
      };
    });
  }

  records(principal: Principal, query: { from: string; to: string; figure: string; key: string; page: number; pageSize: number }): Promise<StatisticsRecordList> {
    const period = periodOrRefuse(query.from, query.to);
    const figure = STATISTICS_FIGURES.get(query.figure);
    // The query DTO admits only known figure ids; this is the type's guarantee, not a check on input.
    if (!figure) throw new Error(`Unknown figure ${query.figure}`);
    return this.uow.read(async (m) => {
      const bindings = { authority: principal.authorityId, start: period.startsAt, end: period.endsBefore, key: query.key };
      const total = await StatisticsQueries.cellCount(m, figure, bindings);
      const rows = await StatisticsQueries.cellRows(m, figure, bindings, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
      return {
        marking: RECORD_MARKING,
        authority: { id: principal.authorityId, name: await authorityName(m, principal.authorityId) },
        figure: figure.id,
        figureTitle: figure.title,
        key: query.key,
        label: cellLabel(figure, query.key),
        period,
        total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.map((row) => toRecord(figure.source.record.type, row)),
        generatedAt: this.clock.now().toISOString(),
        generatedBy: principal.displayName,
      };
    });
  }

  /** The return as a PDF, rendered on a worker thread (statistics.worker.ts). */
  pdf(ret: StatisticsReturn): Promise<Buffer> {
    return this.pdfWorkers.render({ statistics: ret, creationDate: new Date(ret.generatedAt) });
  }

  onModuleDestroy(): Promise<void> {
    return this.pdfWorkers.close();
  }
}

function periodOrRefuse(from: string, to: string): StatisticsPeriod {
  const result = statisticsPeriod(from, to);
  if (!result.ok) {
    throw new DomainException('STATISTICS_PERIOD_INVALID', result.message, { errors: [{ field: result.field, message: result.message, code: 'statisticsPeriod' }] });
  }
  return result.period;
}

async function authorityName(m: EntityManager, id: string): Promise<string> {
  return (await m.findOneBy(AuthorityEntity, { id }))?.name ?? id;
}
