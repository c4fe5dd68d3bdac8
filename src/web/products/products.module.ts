import { Module } from '@nestjs/common';

/** The product pages (docs/web.md; issue 20): the SPOC issues, previews, supersedes and disseminates products; the investigator reads those issued to them. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class ProductPagesModule {}
