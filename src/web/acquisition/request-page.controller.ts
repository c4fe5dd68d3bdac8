import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { copyPackOf, DisclosureRequestEventDto, DisclosureRequestsService, hi1MessageOf, type DisclosureRequestResponse } from '../../disclosures/public-api';
import { parseIfMatch } from '../../http/if-match';
import { sendDownload } from '../download';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { RECORD_ID } from '../params';
import { VERSION_FIELD } from '../record/event-forms';
import { answer } from '../form-refusals';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { isPageEvent, PAGE_EVENTS, RequestPageModel } from './request-page.model';

/** A download's file name: the request's id (a URN has slashes), and what it is. */
const fileName = (id: string, what: string, extension: string) => `disclosure-request-${id}-${what}.${extension}`;

/**
 * One disclosure request, as its SPOC works it (issue 20, item 1): the page, its events sent as `POST
 * /disclosure-requests/:id/events` does (the API's DTO and service, the version shown as If-Match, once per form),
 * and its two downloads through the API's own exports (`GET …/hi1`, `GET …/copy-pack`), never kept by the browser.
 */
@WebPages(`${WEB_PREFIX}/disclosure-requests`)
export class RequestPageController {
  constructor(
    private readonly requests: DisclosureRequestsService,
    private readonly pages: RequestPageModel,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id')
  @Roles('spoc')
  async page(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    res.render('acquisition/request.njk', await this.pages.build(principal, id));
  }

  @Post(':id/events')
  @Roles('spoc')
  async event(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const type = body.type;
    const form = isPageEvent(type) ? type : 'SEND';
    const field = isPageEvent(type) ? PAGE_EVENTS[type].field : null;
    const typed = field ? (answer(body, field) ?? '') : '';
    const version = typeof body[VERSION_FIELD] === 'string' ? body[VERSION_FIELD] : undefined;
    const posted = { form, idempotencyKey: answer(body, 'idempotencyKey') ?? '', version, values: field ? { [field]: typed } : {} };
    showAgainIfRefused(res, 'acquisition/request.njk', await this.pages.build(principal, id, posted), field ?? 'actions');
    await this.commands.once<DisclosureRequestResponse>(principal, req, async () => {
      const dto = await validateAs(DisclosureRequestEventDto, { type, ...(field ? { [field]: typed === '' ? null : typed } : {}) });
      return this.requests.apply(principal, id, parseIfMatch(version), dto);
    });
    res.redirect(303, `${WEB_PREFIX}/disclosure-requests/${id}`);
  }

  @Get(':id/hi1')
  @Roles('spoc')
  async hi1(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const message = hi1MessageOf(await this.requests.load(principal, id));
    sendDownload(res, { body: JSON.stringify(message, null, 2), type: 'application/json; charset=utf-8', filename: fileName(id, 'hi1', 'json') });
  }

  @Get(':id/copy-pack')
  @Roles('spoc')
  async copyPack(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const text = copyPackOf(await this.requests.load(principal, id));
    sendDownload(res, { body: text, type: 'text/plain; charset=utf-8', filename: fileName(id, 'copy-pack', 'txt') });
  }
}
