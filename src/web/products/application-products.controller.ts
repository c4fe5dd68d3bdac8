import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ProductsService } from '../../products/public-api';
import { ApplicationRecordsService } from '../../reporting/public-api';
import { sendDownload } from '../download';
import { RECORD_ID } from '../params';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { disseminationView, productView } from './product-rows';

/**
 * An application's products for the SPOC (issue 20, item 2): every product issued, oldest first, with which one
 * supersedes which; the link to issue one; the dissemination log of them all; and the application's whole record
 * as a PDF. The same services as `GET /applications/:id/products`, `…/disseminations` and `…/record.pdf`, so
 * need-to-know is theirs: another authority's application is "Page not found".
 */
@WebPages(`${WEB_PREFIX}/applications`)
export class ApplicationProductsPageController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly products: ProductsService,
    private readonly records: ApplicationRecordsService,
  ) {}

  @Get(':id/products')
  @Roles('spoc')
  async list(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    const { items } = await this.products.list(principal, id);
    const [application, log] = await Promise.all([this.applications.get(principal, id), this.products.disseminations(principal, { applicationId: id })]);
    res.render('products/application-products.njk', {
      application,
      products: items.map((product) => productView(product, items)),
      log: log.items.map(disseminationView),
      issueHref: `${WEB_PREFIX}/applications/${id}/products/new`,
      recordHref: `${WEB_PREFIX}/applications/${id}/record.pdf`,
      backLink: `${WEB_PREFIX}/applications/${id}`,
    });
  }

  /** The whole record for an inspector (docs/products.md §7), as `GET /applications/:id/record.pdf` gives it; never cached. */
  @Get(':id/record.pdf')
  @Roles('spoc', 'sro')
  async recordPdf(@CurrentPrincipal() principal: Principal, @Param('id', RECORD_ID) id: string, @Res() res: Response): Promise<void> {
    sendDownload(res, { body: await this.records.pdf(principal, id), type: 'application/pdf', filename: `application-${id}.pdf` });
  }
}
