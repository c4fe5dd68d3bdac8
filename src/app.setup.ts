import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ApplicationDeadlines } from './applications/application-deadlines.service';
import { DemoSeed } from './auth/demo-seed';
import { BearerAuthentication } from './auth/bearer-authentication';
import { CspSeed } from './disclosures/csp/csp-seed';
import { CdErrorDeadlines } from './errors/cd-error-deadlines.service';
import { APP_CONFIG, type AppConfig } from './config';
import { ensureDatabaseFolder } from './database/data-source-options';
import { CheckpointsService } from './database/checkpoints/checkpoints.service';
import { Housekeeping } from './housekeeping/housekeeping.service';
import { RetentionReviews } from './retention/public-api';
import { assertProtectionsInForce } from './database/protections-check';
import { docsAccessMiddleware } from './http/docs-access';
import { inputHygieneMiddleware } from './http/input-hygiene';
import { accessLogMiddleware, LOGGER, PinoNestLogger } from './http/logging';
import { requestContextMiddleware } from './http/request-context';
import { armFaultPoints, FAULT_POINT_HEADER, withFaultPoint } from './common/fault-points';
import { jsonBodyParser } from './http/request-limits';
import { securityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { setupWebPages } from './web/web-setup';

export interface SetupOptions {
  /** Start the pollers (outbox relay, deadlines); tests that drive them by hand turn them off. */
  startPollers?: boolean;
}

/** Before Nest is created: the embedded database's folder must exist ("created on first run"). */
export function prepareEnvironment(config: AppConfig): void {
  ensureDatabaseFolder(config.database);
}

/** Where the OpenAPI document is served as JSON; `npm run openapi:export` and the client generator read it there. */
export const OPENAPI_JSON_PATH = 'docs-json';

/**
 * The document's frame (docs/architecture.md §8); the operations come from the controllers' decorators.
 * Routes need a bearer token unless they say otherwise (`ApiPublic`). Clients are generated from what is
 * served, and `npm run openapi:lint` holds it to Redocly's recommended rules.
 */
function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Communications-data workflow service')
    .setDescription(
      'Applications for communications data and the register of communications-data errors under the ' +
        'Investigatory Powers Act 2016 Part 3. Every error answer is an `application/problem+json` document ' +
        'with a stable `code`. A versioned record (an application, a register entry) carries its version as ' +
        'a strong `ETag`; changing it needs that ETag in `If-Match`.',
    )
    .setVersion('0.1.0')
    // package.json's "UNLICENSED": no licence is granted; the URL is relative to the server, this document's UI.
    .setLicense('UNLICENSED (proprietary: no licence is granted)', '/docs')
    // Relative: the service answers at the origin that serves this document, wherever it is deployed.
    .addServer('/', 'the origin serving this document')
    .addTag('auth', 'Signing in: a bearer token for every other route')
    .addTag('health', 'Liveness of the service and its database')
    .addTag('applications', 'Applications for communications data: drafting, SPOC review, authorisation, renewal, history')
    .addTag('errors', 'The authority’s register of communications-data errors and its report to the IPC')
    .addTag('disclosures', 'Requests to CSPs under an authorisation: as authorised, byte for byte; the ETSI TS 103 120 message and the copy pack')
    .addTag('admin', 'Administration of the authority’s records: importing records made under RIPA 2000 before the IPA regime')
    .addTag('csps', 'The national directory of communications service providers: read by SPOCs, SROs and administrators, kept by administrators')
    .addTag('statistics', 'The statistics return for the Investigatory Powers Commissioner: every figure from the records, every figure listed record by record')
    .addTag('dashboard', 'The manager’s dashboard: what needs attention in the caller’s own authority now, each count a link to its records')
    .addTag('checkpoints', 'Signed checkpoints of the history: the public key an inspector verifies a copy of the database with, and the verification')
    .addTag('products', 'Products for the investigator: issued once from the checked returns and never changed, their PDF, and who received them')
    .addTag('audit', 'The security audit stream: every refusal and every reading of a record’s content, hash-chained per authority, for the SRO')
    .addTag('retention', 'Retention and destruction: records due for review, the SRO’s decisions to retain or delete, legal holds, destruction certificates')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
}

/**
 * Shared by main and the tests, so what is tested is what runs: middleware, the validation pipe,
 * OpenAPI, migrations applied at start, demo seed, outbox relay.
 */
export async function setupApp(app: INestApplication, options: SetupOptions = {}): Promise<void> {
  const express = app.getHttpAdapter().getInstance() as Express;
  express.disable('x-powered-by');
  // Express's own ETag is a weak hash of the body; a record's ETag is its version (src/http/version-etag.ts),
  // and no other response promises one (docs/architecture.md §8).
  express.disable('etag');
  app.use(requestContextMiddleware);
  // Test-only crash points (issue 22, item 1): armed only when TEST_FAULT_POINTS names them, which production refuses.
  const { testFaultPoints } = app.get<AppConfig>(APP_CONFIG);
  if (testFaultPoints.length > 0) {
    armFaultPoints(testFaultPoints);
    app.use((req: Request, _res: Response, next: NextFunction) => withFaultPoint(req.header(FAULT_POINT_HEADER), next));
  }
  // JSON logs with the request id on every line, credentials and identifiers redacted; Nest's own Logger calls
  // go there too, and every request gets one access line, refusals by the perimeter included (docs/operations.md "Logs and health").
  app.useLogger(app.get(PinoNestLogger));
  app.use(accessLogMiddleware(app.get<Logger>(LOGGER)));
  // The perimeter (docs/security.md, "Input, headers and limits"), in this order: headers first, so every answer
  // carries them, errors included; the docs' door before Swagger's routes; the JSON parser with its limit; then
  // the check of every decoded string, before any guard, interceptor, pipe or handler sees the request.
  const production = app.get<AppConfig>(APP_CONFIG).env === 'production';
  app.use(...securityHeaders({ production }));
  // The same door as the API's (src/auth/bearer-authentication.ts).
  if (production) app.use(docsAccessMiddleware((header) => app.get(BearerAuthentication).fromHeader(header)));
  // The web pages: their views, assets, cookies and form parser (docs/web.md), before the input check reads forms.
  setupWebPages(app);
  app.use(jsonBodyParser());
  app.use(inputHygieneMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, openApiConfig()), { jsonDocumentUrl: OPENAPI_JSON_PATH });

  await app.get(DataSource).runMigrations({ transaction: 'each' });
  // The database's own protections (the triggers that keep history append-only and products unchanged) must be
  // in force before anything is served; otherwise start fails naming each one (docs/operations.md "Protections
  // checked at start").
  await assertProtectionsInForce(app.get(DataSource));
  await app.init();
  await app.get(DemoSeed).run();
  await app.get(CspSeed).run();
  if (options.startPollers ?? true) {
    app.get(OutboxRelay).start();
    app.get(ApplicationDeadlines).start();
    app.get(CdErrorDeadlines).start();
    app.get(CheckpointsService).start();
    app.get(Housekeeping).start();
    app.get(RetentionReviews).start();
  }
}
