import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApplicationsService } from '../../applications/public-api';
import { CurrentPrincipal, type Principal } from '../../auth/principal';
import { Roles } from '../../common/route-policy';
import { ProductsService } from '../../products/public-api';
import { WebPages } from '../web-page';
import { WEB_PREFIX } from '../web-paths';
import { productView } from './product-rows';

/** Applications read per page of the list the API gives (its own page size limit is not reached). */
const PAGE_SIZE = 100;

/**
 * "My products" (issue 20, item 5), the investigator's products: every product issued under the applications they
 * may see (their own and their team's, as `GET /applications` lists them), newest first, each read through
 * `GET /applications/:id/products`'s service. Each links to its page, which shows the handling caveat before the
 * download; a superseded product says which one replaced it.
 */
@WebPages(`${WEB_PREFIX}/products`)
export class MyProductsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly products: ProductsService,
  ) {}

  @Get()
  @Roles('applicant')
  async list(@CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    const rows = [];
    for (let page = 1; ; page += 1) {
      const listed = await this.applications.list(principal, { page, pageSize: PAGE_SIZE });
      for (const application of listed.items) {
        const { items } = await this.products.list(principal, application.id);
        rows.push(...items.map((product) => ({ ...productView(product, items), urn: application.urn, operationName: application.operationName })));
      }
      if (page * PAGE_SIZE >= listed.total) break;
    }
    // Newest first; products issued in the same instant by their number, the later one first.
    rows.sort((a, b) => (a.issuedAt < b.issuedAt ? 1 : a.issuedAt > b.issuedAt ? -1 : b.productNumber - a.productNumber));
    res.render('products/my-products.njk', { rows });
  }
}
