import type { INestApplication } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { browserCookieSecret } from '../auth/browser-sessions';
import { APP_CONFIG, type AppConfig } from '../config';
import { FORM_BODY_LIMIT } from '../http/request-limits';
import { registerViewFilters } from './view-filters';
import { FORM_PATHS } from './web-paths';

/** The repository's root: the views are read from `src/web/views` whether the code runs from `src` (tests) or `dist`. */
function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The web pages cannot find the project folder (no package.json above src/web).');
    dir = parent;
  }
  return dir;
}

const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`));

/**
 * The web pages' plumbing on Express (docs/web.md): Nunjucks over our views and the GOV.UK and MoJ macros,
 * their stylesheets, scripts, fonts and images served from the installed packages (nothing from a CDN:
 * nothing outside the machine is reachable), signed cookies, and HTML forms parsed under the pages' paths only.
 * Runs after the security headers and before the input check (src/app.setup.ts), so forms are checked too.
 */
export function setupWebPages(app: INestApplication): void {
  const server = app.getHttpAdapter().getInstance() as Express;
  const config = app.get<AppConfig>(APP_CONFIG);
  const govuk = join(packageDir('govuk-frontend'), 'dist');
  const moj = packageDir('@ministryofjustice/frontend');
  const environment = nunjucks.configure([join(projectRoot(), 'src', 'web', 'views'), govuk, moj], {
    autoescape: true,
    throwOnUndefined: false,
    noCache: config.env === 'development',
    express: server,
  });
  registerViewFilters(environment);
  server.set('view engine', 'njk');

  // No directory listings; what is not found here falls through to the next folder, then to a 404.
  const assets = { index: false, fallthrough: true };
  server.use('/assets', express.static(join(govuk, 'govuk', 'assets'), assets));
  server.use('/assets', express.static(join(moj, 'moj', 'assets'), assets));
  // The two packages' built stylesheets and scripts by name, not their whole folders (templates, Sass sources).
  const files: Record<string, string> = {
    '/assets/govuk-frontend.min.css': join(govuk, 'govuk', 'govuk-frontend.min.css'),
    '/assets/govuk-frontend.min.js': join(govuk, 'govuk', 'govuk-frontend.min.js'),
    '/assets/moj-frontend.min.css': join(moj, 'moj', 'moj-frontend.min.css'),
    '/assets/moj-frontend.min.js': join(moj, 'moj', 'moj-frontend.min.js'),
  };
  for (const [path, file] of Object.entries(files)) server.get(path, (_req, res) => res.sendFile(file));
  server.use('/assets/web', express.static(join(projectRoot(), 'src', 'web', 'assets'), assets));

  server.use(cookieParser(browserCookieSecret(config)));
  server.use(FORM_PATHS, express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit: 2000 }));
}
