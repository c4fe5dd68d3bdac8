import { Module } from '@nestjs/common';
import { RecordDecisionController } from './record-decision.controller';
import { SpocQueueController } from './spoc-queue.controller';
import { SpocReviewFormsController } from './spoc-review-forms.controller';
import { SpocReviewController } from './spoc-review.controller';

/**
 * The SPOC's pages (docs/web.md; issue 19): the work queue, the review with its checks and the duplicate
 * acquisitions, returning, declining, advising and sending for authorisation, and recording a decision made
 * outside the service (OCDA's, or a DSO's oral urgent grant).
 */
@Module({
  controllers: [SpocQueueController, SpocReviewController, SpocReviewFormsController, RecordDecisionController],
  providers: [],
})
export class SpocPagesModule {}
