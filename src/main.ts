import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { prepareEnvironment, setupApp } from './app.setup';
import { loadConfig } from './config';
import { createLogger, PinoNestLogger } from './http/logging';

export interface MainDeps {
  env: NodeJS.ProcessEnv;
  exit: (code: number) => void;
  log: (message: string) => void;
}

/** Boots the service; an invalid setting stops the process with a message naming the variable. */
export async function main(deps: MainDeps): Promise<void> {
  let config;
  try {
    config = loadConfig(deps.env);
  } catch (error) {
    deps.log(error instanceof Error ? error.message : String(error));
    deps.exit(1);
    return;
  }
  prepareEnvironment(config);
  // One JSON logger for Nest's own messages and the application's (docs/operations.md "Logs and health"), from the first line.
  const logger = createLogger(config);
  const app = await NestFactory.create(AppModule.forRoot(config, logger), { logger: new PinoNestLogger(logger) });
  await setupApp(app);
  await app.listen(config.http.port, config.http.host);
  new Logger('Main').log(`Listening on http://${config.http.host}:${config.http.port} (OpenAPI at /docs)`);
}

if (require.main === module) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  main({ env: process.env, exit: (code) => process.exit(code), log: (m) => console.error(m) }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
