import { Module } from '@nestjs/common';

/** The manager's error register pages (docs/web.md; issue 20): the register, and each step of an error from recording to the Commissioner's determination. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
})
export class ErrorPagesModule {}
