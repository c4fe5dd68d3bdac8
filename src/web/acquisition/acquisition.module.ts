import { Module } from '@nestjs/common';

/** The SPOC's acquisition pages (docs/web.md; issue 20): disclosure requests per CSP, their HI-1 and copy pack, returns and their checks, nil returns. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class AcquisitionPagesModule {}
