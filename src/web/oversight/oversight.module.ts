import { Module } from '@nestjs/common';

/** The manager's oversight pages (docs/web.md; issue 20): the dashboard and the statistics return with its downloads. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class OversightPagesModule {}
