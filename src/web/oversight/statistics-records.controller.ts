import { Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { StatisticsExports, StatisticsRecordsQuery } from '../../reporting/public-api';
import { validateAs } from '../forms/validate-as';
import { pagination } from '../pagination';
import { WebPages } from '../web-page';
import { cellDownloadPath, cellPagePath, queryFields, recordLink, STATISTICS_PATH, statisticsPagePath } from './oversight-links';
import { dayInWords } from './statistics-period-form';

/** Records a page of a cell's list shows: the service's largest page (LIST_PAGE_MAX), so most cells fit on one. */
export const CELL_PAGE_SIZE = 100;

/**
 * The records behind one cell of the statistics return (docs/statistics.md §3): exactly those its count counts, a
 * page at a time, from `StatisticsExports.records` as `GET /returns/statistics/records` answers them; each links to
 * its own page, where the record's own need-to-know applies as ever. The SRO's own authority only.
 */
@WebPages(STATISTICS_PATH)
export class StatisticsRecordsController {
  constructor(private readonly exports: StatisticsExports) {}

  @Get('records')
  @Roles('sro')
  async records(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const q = await validateAs(StatisticsRecordsQuery, { ...queryFields(query, ['from', 'to', 'figure', 'key', 'page']), pageSize: CELL_PAGE_SIZE, format: 'json' });
    const rendered = await this.exports.records(principal, q);
    if (!('json' in rendered)) throw new Error('the records were asked for as JSON');
    const list = rendered.json;
    const period = { from: list.period.from, to: list.period.to };
    res.render('oversight/statistics-records.njk', {
      figureTitle: list.figureTitle,
      label: list.label,
      authorityName: list.authority.name,
      periodInWords: `${dayInWords(period.from)} to ${dayInWords(period.to)}`,
      total: list.total,
      firstPosition: (list.page - 1) * list.pageSize + 1,
      items: list.items.map((item) => ({ ...item, link: recordLink(item.type, item.id, item.reference) })),
      countsItems: list.items.some((item) => item.item !== null || item.identifier !== null),
      downloads: list.total
        ? (['csv', 'xlsx'] as const).map((format) => ({ format, text: format.toUpperCase(), href: cellDownloadPath(period, list.figure, list.key, list.page, format) }))
        : [],
      pagination: pagination(list.page, list.total, list.pageSize, (page) => cellPagePath(period, list.figure, list.key, page)),
      firstPage: cellPagePath(period, list.figure, list.key),
      backLink: statisticsPagePath(period),
    });
  }
}
