import { Global, Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/public-api';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AcquisitionPagesModule } from './acquisition/acquisition.module';
import { AuthoriserPagesModule } from './authoriser/authoriser.module';
import { WebCsrf } from './csrf';
import { FormCommands } from './form-commands';
import { ErrorPagesModule } from './errors/errors.module';
import { InvestigatorPagesModule } from './investigator/investigator.module';
import { OversightPagesModule } from './oversight/oversight.module';
import { ProductPagesModule } from './products/products.module';
import { ApplicationPageController } from './record/application-page.controller';
import { ClosingStepsController } from './record/closing-steps.controller';
import { EventForms } from './record/event-forms';
import { SignInController } from './sign-in.controller';
import { SpocPagesModule } from './spoc/spoc.module';

/** What every group's pages share: the CSRF tokens, forms that run once, events sent as the API sends them, and the services behind them. */
@Global()
@Module({
  imports: [ApplicationsModule, IdempotencyModule],
  providers: [WebCsrf, FormCommands, EventForms],
  exports: [WebCsrf, FormCommands, EventForms, ApplicationsModule],
})
export class WebCoreModule {}

/**
 * The web pages (docs/web.md): server-rendered GOV.UK pages for investigators, SPOCs, authorisers and managers, inside the
 * same application and calling the same services as the JSON API. Each user group's pages are a module of their own.
 */
@Module({
  imports: [
    WebCoreModule,
    InvestigatorPagesModule,
    SpocPagesModule,
    AuthoriserPagesModule,
    AcquisitionPagesModule,
    ProductPagesModule,
    ErrorPagesModule,
    OversightPagesModule,
  ],
  controllers: [SignInController, ApplicationPageController, ClosingStepsController],
})
export class WebModule {}
