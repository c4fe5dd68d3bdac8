import { Body, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { DisseminateProductDto, ProductsService, type DisseminationResponse } from '../../products/public-api';
import { sendDownload } from '../download';
import { FormCommands } from '../form-commands';
import { validateAs } from '../forms/validate-as';
import { RECORD_ID } from '../params';
import { answer } from '../form-refusals';
import { showAgainIfRefused } from '../web-exception.filter';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { disseminationView, fileSize, productPath, productView } from './product-rows';

/** Who may read a product: whoever may read it through the API (`GET /products/:id`; the service checks need-to-know). */
const READERS = ['applicant', 'spoc', 'dso', 'sro'] as const;

/**
 * One product (issue 20, items 2 and 5): what it is and what it supersedes, its handling caveat shown before the
 * link that downloads it, and its dissemination log; the download itself, through the service method of
 * `GET /products/:id/pdf`, so the page's download is logged as the API's is (docs/products.md §5) and never cached;
 * and the SPOC's record of sending it to a named recipient of its authority (`POST /products/:id/disseminations`).
 */
@WebPages(`${WEB_PREFIX}/products`)
export class ProductPagesController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly products: ProductsService,
    private readonly commands: FormCommands,
  ) {}

  @Get(':id')
  @Roles(...READERS)
  async show(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const product = await this.products.get(principal, id);
    const [{ items }, application, log] = await Promise.all([
      this.products.list(principal, product.applicationId),
      this.applications.get(principal, product.applicationId),
      this.products.disseminations(principal, { productId: id }),
    ]);
    const isSpoc = principal.roles.includes('spoc');
    res.render('products/product.njk', {
      application,
      product: productView(product, items),
      size: fileSize(product.pdfSize),
      log: log.items.map(disseminationView),
      sendHref: isSpoc ? `${productPath(id)}/send` : null,
      backLink: isSpoc ? `${WEB_PREFIX}/applications/${product.applicationId}/products` : `${WEB_PREFIX}/products`,
    });
  }

  /** The PDF exactly as issued, logged as downloaded by the reader (docs/products.md §5); never cached. */
  @Get(':id/pdf')
  @Roles(...READERS)
  async pdf(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const { bytes, product } = await this.products.pdf(principal, id);
    sendDownload(res, { body: bytes, type: 'application/pdf', filename: `product-${product.productNumber}-${product.id}.pdf`, sha256: product.pdfSha256 });
  }

  @Get(':id/send')
  @Roles('spoc')
  async sendForm(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    res.render('products/send.njk', await this.sendModel(principal, id, { recipientId: '', note: '' }, this.commands.newKey()));
  }

  @Post(':id/send')
  @Roles('spoc')
  async send(
    @CurrentPrincipal() principal: Principal,
    @Param('id', RECORD_ID) id: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const values = { recipientId: answer(body, 'recipientId') ?? '', note: answer(body, 'note') ?? '' };
    showAgainIfRefused(res, 'products/send.njk', await this.sendModel(principal, id, values, answer(body, 'idempotencyKey') ?? ''), 'recipientId');
    await this.commands.once<DisseminationResponse>(principal, req, async () =>
      this.products.disseminate(principal, id, await validateAs(DisseminateProductDto, { recipientId: values.recipientId || undefined, note: values.note || undefined })),
    );
    res.redirect(303, `${productPath(id)}#log`);
  }

  private async sendModel(principal: Principal, id: string, values: { recipientId: string; note: string }, idempotencyKey: string) {
    const product = await this.products.get(principal, id);
    const [application, recipients] = await Promise.all([this.applications.get(principal, product.applicationId), this.products.recipients(principal, id)]);
    return {
      application,
      product: productView(product),
      recipientItems: [
        { value: '', text: 'Choose who receives it', selected: values.recipientId === '' },
        ...recipients.map((r) => ({ value: r.id, text: r.displayName, selected: r.id === values.recipientId })),
      ],
      values,
      idempotencyKey,
      action: `${productPath(id)}/send`,
      backLink: productPath(id),
      errors: {},
    };
  }
}
