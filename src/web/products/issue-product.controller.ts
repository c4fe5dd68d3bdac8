import { Body, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService, type ApplicationResponse } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ProductsService, type ProductResponse } from '../../products/public-api';
import { FormCommands } from '../form-commands';
import { RECORD_ID } from '../params';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { firstPage } from './first-page';
import { EMPTY_ISSUE, issueChoices, issueDto, issueSummary, issueValues, ISSUE_FIELDS, type IssueValues } from './issue-form';
import { productPath } from './product-rows';

/**
 * The SPOC issues a product (issue 20, item 2; docs/products.md §1) in two steps: the answers (interim or final,
 * intelligence or evidential with its exhibit reference, and what a correction supersedes, with why), then a preview
 * of the product's first page built by the issue's own decision and content builder (ProductsService.preview), and a
 * confirmation that issues it through `POST /applications/:id/products`'s service, once however often it is posted
 * (FormCommands). A refusal — the API's own, in its words — shows the answers again with an error summary.
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class IssueProductController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly products: ProductsService,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id/products/new')
  @Roles('spoc')
  async form(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    res.render('products/issue.njk', await this.formModel(principal, id, EMPTY_ISSUE));
  }

  /**
   * "Change your answers" on the preview: the form again, filled in with the answers the preview was built from. A
   * POST (with its CSRF token), so a reason or an exhibit reference never goes into a URL, where logs and the Referer
   * header would keep it; it changes nothing, so it needs no key of its own.
   */
  @Post(':id/products/new')
  @HttpCode(200)
  @Roles('spoc')
  async changeAnswers(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    res.render('products/issue.njk', await this.formModel(principal, id, issueValues(body)));
  }

  /** Shows the first page the product would have; nothing is issued, stored or logged, so the form needs no key of its own. */
  @Post(':id/products/preview')
  @HttpCode(200)
  @Roles('spoc')
  async preview(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const values = issueValues(body);
    const model = await this.formModel(principal, id, values);
    showAgainIfRefused(res, 'products/issue.njk', model, 'kind');
    const content = await this.products.preview(principal, id, await issueDto(values));
    res.render('products/preview.njk', {
      ...model,
      page: firstPage(content),
      summary: issueSummary(values, model.products),
      hidden: ISSUE_FIELDS.map((name) => ({ name, value: values[name] })),
      idempotencyKey: this.commands.newKey(),
      backLink: `${WEB_PREFIX}/applications/${id}/products/new`,
    });
  }

  @Post(':id/products')
  @Roles('spoc')
  async issue(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values = issueValues(body);
    showAgainIfRefused(res, 'products/issue.njk', await this.formModel(principal, id, values), 'kind');
    const product = await this.commands.once<ProductResponse>(principal, req, async () => this.products.issue(principal, id, await issueDto(values)));
    res.redirect(303, productPath(product.id));
  }

  private async formModel(principal: Principal, id: string, values: IssueValues) {
    const { items } = await this.products.list(principal, id);
    const application: ApplicationResponse = await this.applications.get(principal, id);
    return {
      application,
      products: items,
      values,
      ...issueChoices(items, values),
      backLink: `${WEB_PREFIX}/applications/${id}/products`,
      errors: {},
    };
  }
}
