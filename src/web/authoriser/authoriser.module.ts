import { Module } from '@nestjs/common';
import { DecidePageController } from './decide-page.controller';
import { DecisionsQueueController } from './decisions-queue.controller';
import { JudicialDecisionPageController } from './judicial-decision.controller';
import { WrittenRecordPageController } from './written-record.controller';

/**
 * The authoriser's pages (docs/web.md): OCDA's, a DSO's and a Judicial Commissioner's queue of what awaits their
 * decision, the decision page, the Judicial Commissioner's page, and the written record of an oral urgent grant.
 */
@Module({
  controllers: [DecisionsQueueController, DecidePageController, JudicialDecisionPageController, WrittenRecordPageController],
  providers: [],
})
export class AuthoriserPagesModule {}
