import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express } from 'express';
import { DataSource } from 'typeorm';
import { ApplicationDeadlines } from './applications/application-deadlines.service';
import { DemoSeed } from './auth/demo-seed';
import { CdErrorDeadlines } from './errors/cd-error-deadlines.service';
import type { AppConfig } from './config';
import { ensureDatabaseFolder } from './database/data-source-options';
import { requestContextMiddleware } from './http/request-context';
import { createValidationPipe } from './http/validation';
import { OutboxRelay } from './outbox/outbox-relay.service';

export interface SetupOptions {
  /** Start the pollers (outbox relay, deadlines); tests that drive them by hand turn them off. */
  startPollers?: boolean;
}

/** Before Nest is created: the embedded database's folder must exist ("created on first run"). */
export function prepareEnvironment(config: AppConfig): void {
  ensureDatabaseFolder(config.database);
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
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Communications-data workflow service')
      .setDescription('Applications, authorisations, disclosures, products and errors under IPA 2016 Part 3.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  await app.get(DataSource).runMigrations({ transaction: 'each' });
  await app.init();
  await app.get(DemoSeed).run();
  if (options.startPollers ?? true) {
    app.get(OutboxRelay).start();
    app.get(ApplicationDeadlines).start();
    app.get(CdErrorDeadlines).start();
  }
}
