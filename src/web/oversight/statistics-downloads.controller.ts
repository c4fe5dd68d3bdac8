import { Get, Query, Res } from '@nestjs/common';
import { IsIn } from 'class-validator';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { StatisticsExports, StatisticsPeriodQuery, StatisticsRecordsQuery } from '../../reporting/public-api';
import { sendDownload } from '../download';
import { validateAs } from '../forms/validate-as';
import { WebPages } from '../web-page';
import { queryFields, STATISTICS_PATH } from './oversight-links';
import { CELL_PAGE_SIZE } from './statistics-records.controller';

const RETURN_FILES = ['csv', 'xlsx', 'pdf'] as const;
const LIST_FILES = ['csv', 'xlsx'] as const;

/** A download of the return: the API's period, and one of its file formats (a page is not JSON). */
class ReturnDownloadQuery extends StatisticsPeriodQuery {
  @IsIn(RETURN_FILES, { message: `format must be one of ${RETURN_FILES.join(', ')}` })
  format!: (typeof RETURN_FILES)[number];
}

/** A download of one page of a cell's records: the API's query, and a file format. */
class CellDownloadQuery extends StatisticsRecordsQuery {
  @IsIn(LIST_FILES, { message: `format must be one of ${LIST_FILES.join(', ')}` })
  declare format: (typeof LIST_FILES)[number];
}

/**
 * The return as CSV, XLSX or PDF, and a cell's records as CSV or XLSX (docs/statistics.md §4), for the SRO of the
 * authority: the same `StatisticsExports` as `GET /returns/statistics?format=` and its records, so a file from a page
 * is byte for byte the API's, marked the same way, and never cached.
 */
@WebPages(STATISTICS_PATH)
export class StatisticsDownloadsController {
  constructor(private readonly exports: StatisticsExports) {}

  @Get('download')
  @Roles('sro')
  async statistics(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const q = await validateAs(ReturnDownloadQuery, queryFields(query, ['from', 'to', 'format']));
    const rendered = await this.exports.statistics(principal, q);
    if (!('file' in rendered)) throw new Error('the return was asked for as a file');
    sendDownload(res, rendered.file);
  }

  @Get('records/download')
  @Roles('sro')
  async records(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const q = await validateAs(CellDownloadQuery, { ...queryFields(query, ['from', 'to', 'figure', 'key', 'page', 'format']), pageSize: CELL_PAGE_SIZE });
    const rendered = await this.exports.records(principal, q);
    if (!('file' in rendered)) throw new Error('the records were asked for as a file');
    sendDownload(res, rendered.file);
  }
}
