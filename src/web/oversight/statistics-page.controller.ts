import { Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { Roles } from '../../common/route-policy';
import { DomainException } from '../../http/domain-exception';
import { StatisticsExports, type StatisticsReturn } from '../../reporting/public-api';
import type { Clock } from '../../workflow/clock';
import { londonDate } from '../../workflow/london-time';
import { WebPages } from '../web-page';
import { showAgainIfRefused } from '../web-exception.filter';
import { cellPagePath, returnDownloadPath, STATISTICS_PATH, type Period } from './oversight-links';
import { dayInWords, parsePeriodForm, valuesOf } from './statistics-period-form';

const VIEW = 'oversight/statistics.njk';

/** The return as the page shows it: every cell's count a link to the page of the records it counts. */
function returnModel(ret: StatisticsReturn) {
  const period: Period = { from: ret.period.from, to: ret.period.to };
  return {
    authorityName: ret.authority.name,
    periodInWords: `${dayInWords(period.from)} to ${dayInWords(period.to)}`,
    generatedAt: ret.generatedAt,
    generatedBy: ret.generatedBy,
    downloads: (['csv', 'xlsx', 'pdf'] as const).map((format) => ({ format, text: format.toUpperCase(), href: returnDownloadPath(period, format) })),
    sections: ret.sections.map((section) => ({
      title: section.title,
      figures: section.figures.map((figure) => ({
        id: figure.id,
        title: figure.title,
        unit: figure.unit,
        definition: figure.definition,
        total: figure.total,
        cells: figure.cells.map((cell) => ({ label: cell.label, count: cell.count, href: cellPagePath(period, figure.id, cell.key) })),
      })),
    })),
  };
}

/**
 * The statistics return (issue 20; docs/statistics.md §1): the SRO asks for a period of whole London days in two date
 * inputs (a GET form, so the return for a period is a link to keep) and reads the return the API answers, through the
 * same exports (`StatisticsExports`, `GET /returns/statistics`), of their own authority only. Whether a period is
 * allowed is the service's rule; a period it refuses, or dates that are not real, are shown again with the words at
 * the field they name, through the pages' one error summary (showAgainIfRefused).
 */
@WebPages(STATISTICS_PATH)
export class StatisticsPageController {
  constructor(
    private readonly exports: StatisticsExports,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('sro')
  async page(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const form = parsePeriodForm(query);
    if (form.kind === 'empty') {
      // This year so far, as a first answer: the IPC's return is for a calendar year.
      const today = londonDate(this.clock.now());
      res.render(VIEW, { values: valuesOf(`${today.slice(0, 4)}-01-01`, today), statistics: null });
      return;
    }
    showAgainIfRefused(res, VIEW, { values: form.values, statistics: null }, 'from');
    if (form.kind === 'invalid') {
      throw new DomainException('VALIDATION_FAILED', 'Enter the first and the last day of the period as real dates.', {
        errors: form.errors.map((e) => ({ ...e, code: 'date' })),
      });
    }
    const rendered = await this.exports.statistics(principal, { from: form.from, to: form.to, format: 'json' });
    if (!('json' in rendered)) throw new Error('the return was asked for as JSON');
    res.render(VIEW, { values: form.values, statistics: returnModel(rendered.json) });
  }
}
