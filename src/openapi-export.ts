import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { OPENAPI_JSON_PATH, prepareEnvironment, setupApp } from './app.setup';
import { loadConfig } from './config';

/** Where `npm run openapi:export` writes the document (gitignored); `redocly.yaml` and the client generator read it there. */
export const OPENAPI_EXPORT_PATH = '.openapi/openapi.json';

/**
 * The OpenAPI document exactly as the service serves it (docs/architecture.md §8): boots the real
 * application through `setupApp` on a throwaway embedded database — whatever DATABASE_URL or .env say, so
 * exporting needs nothing running — asks its own HTTP endpoint for the JSON, and stops.
 */
export async function servedOpenApiDocument(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'cd-openapi-'));
  try {
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'error', SEED_DEMO: 'false', SQLITE_PATH: join(dir, 'cd.sqlite') });
    prepareEnvironment(config);
    const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error'] });
    try {
      await setupApp(app, { startPollers: false });
      await app.listen(0, '127.0.0.1');
      const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/${OPENAPI_JSON_PATH}`);
      if (!response.ok) throw new Error(`GET /${OPENAPI_JSON_PATH} answered ${response.status}`);
      return await response.json();
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the served document to `path` as stable, diff-friendly JSON. */
export async function exportOpenApi(path: string): Promise<void> {
  const document = await servedOpenApiDocument();
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

if (require.main === module) {
  const path = process.argv[2] ?? OPENAPI_EXPORT_PATH;
  exportOpenApi(path).then(
    () => console.error(`OpenAPI document written to ${path}`),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exit(1);
    },
  );
}
