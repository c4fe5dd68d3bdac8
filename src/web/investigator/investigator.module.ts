import { Module } from '@nestjs/common';

/** The investigator's pages (docs/web.md). */
@Module({
  controllers: [],
  providers: [],
})
export class InvestigatorPagesModule {}
