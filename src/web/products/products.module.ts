import { Module } from '@nestjs/common';
import { ProductsModule } from '../../products/public-api';
import { ReportingModule } from '../../reporting/public-api';
import { ApplicationProductsPageController } from './application-products.controller';
import { IssueProductController } from './issue-product.controller';
import { MyProductsController } from './my-products.controller';
import { ProductPagesController } from './product-pages.controller';

/** The product pages (docs/web.md; issue 20): the SPOC issues, previews, supersedes and disseminates products; the investigator reads every product under the applications they may see. */
@Module({
  // ProductsModule: the same ProductsService as the API's controllers; ReportingModule: the application record's PDF.
  imports: [ProductsModule, ReportingModule],
  controllers: [ApplicationProductsPageController, IssueProductController, MyProductsController, ProductPagesController],
  providers: [],
})
export class ProductPagesModule {}
