import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DisclosureReturnsService, RecordPageQuery, ReviewCheckDto, type ReturnCheckResponse } from '../../disclosures/public-api';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { RECORD_ID } from '../params';
import { answer, withFieldsRenamed } from '../form-refusals';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { ReturnPageModel } from './return-page.model';

/** The review form's fields, each named on the page by its check (`<checkId>-reason`), as many forms share the page. */
const REVIEW_FIELDS = ['decision', 'reason'];

/** A refusal of a check's review, its field errors pointed at that check's form. */
const onCheckForm = (error: unknown, checkId: string): unknown => withFieldsRenamed(error, (field) => (REVIEW_FIELDS.includes(field) ? `${checkId}-${field}` : field));

/**
 * One return from a CSP (issue 20, item 1; docs/returns.md): its rows, each with the result of its checks, a page
 * at a time; its failed checks, each linked to the suspected error it raised in the register; and the SPOC's review
 * of each failed check, `POST …/checks/:checkId/review` minus HTTP (the API's DTO and service, once per form).
 */
@WebPages(`${WEB_PREFIX}/disclosure-requests`)
export class ReturnPageController {
  constructor(
    private readonly returns: DisclosureReturnsService,
    private readonly pages: ReturnPageModel,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/returns/:returnId')
  @Roles('spoc')
  async page(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Param('returnId', RECORD_ID) returnId: string,
    @Query() query: RecordPageQuery,
    @Res() res: Response,
  ): Promise<void> {
    res.render('acquisition/return.njk', await this.pages.build(principal, id, returnId, query.offset ?? 0));
  }

  @Post(':id/returns/:returnId/checks/:checkId/review')
  @Roles('spoc')
  async review(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Param('returnId', RECORD_ID) returnId: string,
    @Param('checkId', RECORD_ID) checkId: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values = { decision: answer(body, 'decision') ?? '', reason: answer(body, 'reason') ?? '' };
    const posted = { checkId, idempotencyKey: answer(body, 'idempotencyKey') ?? '', values };
    showAgainIfRefused(res, 'acquisition/return.njk', await this.pages.build(principal, id, returnId, 0, posted), `${checkId}-decision`);
    await this.commands.once<ReturnCheckResponse>(principal, req, async () => {
      try {
        const dto = await validateAs(ReviewCheckDto, values);
        return await this.returns.review(principal, id, returnId, checkId, dto.decision, dto.reason);
      } catch (error) {
        throw onCheckForm(error, checkId);
      }
    });
    res.redirect(303, `${WEB_PREFIX}/disclosure-requests/${id}/returns/${returnId}#check-${checkId}`);
  }
}
