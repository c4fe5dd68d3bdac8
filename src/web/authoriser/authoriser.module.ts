import { Module } from '@nestjs/common';

/** The authoriser's pages (docs/web.md). */
@Module({
  controllers: [],
  providers: [],
})
export class AuthoriserPagesModule {}
