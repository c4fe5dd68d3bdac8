import { Body, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { CLOCK } from '../../clock.provider';
import { Roles } from '../../common/route-policy';
import type { Clock } from '../../workflow/clock';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { EventForms } from '../record/event-forms';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { blockedOf, DECISIONS_PATH, headerOf, recordPath } from './authoriser-pages';
import { writtenRecordClock } from './written-record-clock';

const VIEW = 'authoriser/written-record.njk';

/**
 * The written record of an oral urgent grant, made by the DSO who granted (docs/law.md §2.3, §2.4 RECORD_WRITTEN;
 * CoP15 3.69–3.70), with its clock: when it is due, and how long is left or that it is overdue.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class WrittenRecordPageController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly commands: FormCommands,
    private readonly events: EventForms,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id/written-record')
  @Roles('dso')
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const application = await this.applications.get(principal, id);
    res.render(VIEW, this.model(application, ''));
  }

  @Post(':id/written-record')
  @Roles('dso')
  async record(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const application = await this.applications.get(principal, id);
    const text = typeof body.writtenRecord === 'string' ? body.writtenRecord : '';
    showAgainIfRefused(res, VIEW, this.model(application, text), 'writtenRecord');
    await this.events.send(principal, req, id, { type: 'RECORD_WRITTEN', writtenRecord: text.trim() === '' ? null : text.trim() });
    res.redirect(303, recordPath(id));
  }

  private model(application: ApplicationResponse, writtenRecord: string): Record<string, unknown> {
    return {
      application,
      header: headerOf(application),
      clock: writtenRecordClock(application.writtenRecordDueAt, this.clock.now()),
      canRecord: application.allowedEvents.includes('RECORD_WRITTEN'),
      blocked: blockedOf(application, ['RECORD_WRITTEN']),
      decision: application.decision,
      writtenRecord,
      errors: {},
      idempotencyKey: this.commands.newKey(),
      version: application.version,
      backLink: DECISIONS_PATH,
    };
  }
}
