import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal';
import type { ListFormat, ReturnFormat } from './statistics.dto';
import type { StatisticsReturn } from './statistics-return';
import { StatisticsService, type StatisticsRecordList } from './statistics.service';
import { renderRecordsCsv, renderRecordsXlsx, renderStatisticsCsv, renderStatisticsXlsx } from './statistics-files';

/** The media type of an XLSX workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RenderedFile {
  body: Buffer | string;
  type: string;
  filename: string;
}

/**
 * The return and a cell's list in the format asked for (docs/statistics.md §4): JSON as the service gives
 * it, or a file named for the authority's period. CSV and XLSX carry the marking in their first row, the PDF
 * on every page.
 */
@Injectable()
export class StatisticsExports {
  constructor(private readonly service: StatisticsService) {}

  async statistics(principal: Principal, query: { from: string; to: string; format: ReturnFormat }): Promise<{ json: StatisticsReturn } | { file: RenderedFile }> {
    const ret = await this.service.statisticsReturn(principal, query.from, query.to);
    const name = `statistics-return-${ret.period.from}-to-${ret.period.to}`;
    switch (query.format) {
      case 'json':
        return { json: ret };
      case 'csv':
        return { file: { body: renderStatisticsCsv(ret), type: 'text/csv; charset=utf-8', filename: `${name}.csv` } };
      case 'xlsx':
        return { file: { body: await renderStatisticsXlsx(ret), type: XLSX, filename: `${name}.xlsx` } };
      case 'pdf':
        return { file: { body: await this.service.pdf(ret), type: 'application/pdf', filename: `${name}.pdf` } };
    }
  }

  async records(
    principal: Principal,
    query: { from: string; to: string; figure: string; key: string; page: number; pageSize: number; format: ListFormat },
  ): Promise<{ json: StatisticsRecordList } | { file: RenderedFile }> {
    const list = await this.service.records(principal, query);
    if (query.format === 'json') return { json: list };
    const name = `statistics-${list.figure}-${list.key}-${list.period.from}-to-${list.period.to}-page-${list.page}`.replace(/[^A-Za-z0-9._-]/g, '_');
    const heading = {
      figureTitle: list.figureTitle,
      cellLabel: list.label,
      authorityName: list.authority.name,
      period: list.period,
      total: list.total,
      firstPosition: (list.page - 1) * list.pageSize + 1,
      generatedAt: list.generatedAt,
      generatedBy: list.generatedBy,
    };
    return query.format === 'csv'
      ? { file: { body: renderRecordsCsv(list.marking, heading, list.items), type: 'text/csv; charset=utf-8', filename: `${name}.csv` } }
      : { file: { body: await renderRecordsXlsx(list.marking, heading, list.items), type: XLSX, filename: `${name}.xlsx` } };
  }
}
