import { Module } from '@nestjs/common';
import { DisclosuresModule } from '../../disclosures/public-api';
import { ErrorsForApplicationModule } from '../../errors/public-api';
import { AcquisitionPageController } from './acquisition-page.controller';
import { AcquisitionReads } from './acquisition-reads';
import { RequestPageController } from './request-page.controller';
import { RequestPageModel } from './request-page.model';
import { ReturnPageController } from './return-page.controller';
import { ReturnPageModel } from './return-page.model';
import { ReturnUploadController } from './return-upload.controller';

/** The SPOC's acquisition pages (docs/web.md; issue 20): disclosure requests per CSP, their HI-1 and copy pack, returns and their checks, nil returns. */
@Module({
  // DisclosuresModule: the services the API's controllers call; ErrorsForApplicationModule: the entry each failed check raised.
  imports: [DisclosuresModule, ErrorsForApplicationModule],
  controllers: [AcquisitionPageController, RequestPageController, ReturnUploadController, ReturnPageController],
  providers: [AcquisitionReads, RequestPageModel, ReturnPageModel],
})
export class AcquisitionPagesModule {}
