import { Module } from '@nestjs/common';

/** The spoc's pages (docs/web.md). */
@Module({
  controllers: [],
  providers: [],
})
export class SpocPagesModule {}
