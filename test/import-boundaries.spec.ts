/**
 * The import-boundary rule of eslint.config.mjs (docs/architecture.md §3, "Layering"): deliberately wrong
 * imports, placed at virtual file paths, must be reported, and the imports the layering allows must not.
 *
 * ESLint loads eslint.config.mjs with a dynamic `import()`, which Jest's CommonJS runtime refuses without
 * `--experimental-vm-modules`; so ESLint runs in a `worker_threads` worker (plain Node, outside Jest's
 * module system), `new ESLint({ cwd })` on this repository and `lintText(code, { filePath })` per case.
 * The files do not exist, so the worker turns type information off and runs only the boundary rule
 * (type-aware rules need a file the TypeScript project knows); everything else is the real config.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

const RULE = '@typescript-eslint/no-restricted-imports';
const REPO = resolve(__dirname, '..');

interface Case {
  /** Where the code pretends to live, relative to the repository root. */
  file: string;
  /** One import (or export-from) statement. */
  code: string;
}

interface Finding {
  ruleId: string | null;
  message: string;
  fatal: boolean;
}

const LINT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { ESLint } = require(workerData.eslintPath);
  const eslint = new ESLint({
    cwd: workerData.cwd,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
    ruleFilter: ({ ruleId }) => ruleId === workerData.rule,
  });
  const results = [];
  for (const c of workerData.cases) {
    const [result] = await eslint.lintText(c.code + '\\n', { filePath: c.file, warnIgnored: true });
    results.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, fatal: Boolean(m.fatal) })));
  }
  parentPort.postMessage(results);
})();
`;

function lint(cases: readonly Case[]): Promise<Finding[][]> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(LINT_SOURCE, {
      eval: true,
      workerData: { cases, cwd: REPO, rule: RULE, eslintPath: require.resolve('eslint') },
    });
    let result: Finding[][] | undefined;
    worker.once('message', (message: Finding[][]) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (result !== undefined) resolvePromise(result);
      else reject(new Error(`ESLint worker exited with code ${code} without a result`));
    });
  });
}

/** Each must be reported by the boundary rule. */
const FORBIDDEN: readonly Case[] = [
  // src/workflow is pure: no framework, no database, no other part of src/.
  { file: 'src/workflow/virtual.ts', code: "import { Injectable } from '@nestjs/common';" },
  { file: 'src/workflow/virtual.ts', code: "import { Test } from '@nestjs/testing';" },
  { file: 'src/workflow/virtual.ts', code: "import { DataSource } from 'typeorm';" },
  { file: 'src/workflow/virtual.ts', code: "import type { Request } from 'express';" },
  { file: 'src/workflow/virtual.ts', code: "import { x } from '../applications/x';" },
  { file: 'src/workflow/virtual.ts', code: "import type { Principal } from '../auth/principal';" },
  { file: 'src/workflow/virtual.ts', code: "import { loadConfig } from '../config';" },
  { file: 'src/workflow/virtual.ts', code: "import { plain } from '../common/plain-json';" },
  { file: 'src/workflow/virtual.ts', code: "export * from '../errors/cd-error.entity';" },
  { file: 'src/workflow/core/virtual.ts', code: "import { x } from '../../applications/x';" }, // stands-alone: sample
  { file: 'src/workflow/core/virtual.ts', code: "import { UnitOfWork } from '../../database/unit-of-work';" }, // stands-alone: sample
  // Infrastructure imports no feature (type-only imports and `import = require` too).
  { file: 'src/database/virtual.ts', code: "import { ApplicationEntity } from '../applications/application.entity';" },
  { file: 'src/database/virtual.ts', code: "import type { CdErrorEntity } from '../errors/cd-error.entity';" },
  { file: 'src/database/virtual.ts', code: "import entity = require('../applications/application.entity');" },
  { file: 'src/database/virtual.ts', code: "import { ApplicationLookup } from '../applications/public-api';" },
  { file: 'src/auth/virtual.ts', code: "import { ApplicationEntity } from '../applications/application.entity';" },
  { file: 'src/outbox/virtual.ts', code: "import { CdErrorsService } from '../errors/cd-errors.service';" },
  { file: 'src/idempotency/virtual.ts', code: "import { x } from '../errors/x';" },
  { file: 'src/http/virtual.ts', code: "import { x } from '../applications/x';" },
  { file: 'src/pdf/virtual.ts', code: "import { x } from '../errors/x';" },
  // ... nor the application setup (the migration CLI needs only the options builder and the migrations).
  { file: 'src/database/migration-cli.ts', code: "import { prepareEnvironment } from '../app.setup';" },
  { file: 'src/database/virtual.ts', code: "import { AppModule } from '../app.module';" },
  // src/http sits below src/auth: /health declares its policy through src/common.
  { file: 'src/http/health.controller.ts', code: "import { Public } from '../auth/route-policy';" },
  // The neutral module imports only src/workflow.
  { file: 'src/common/virtual.ts', code: "import type { Principal } from '../auth/principal';" },
  { file: 'src/common/virtual.ts', code: "import { x } from '../applications/x';" },
  // Features read each other only through the declared public API.
  { file: 'src/errors/virtual.ts', code: "import { ApplicationLookup } from '../applications/application-lookup';" },
  { file: 'src/errors/virtual.ts', code: "import { ApplicationsModule } from '../applications/applications.module';" },
  { file: 'src/errors/virtual.ts', code: "import { plain } from '../applications/application-form';" },
  { file: 'src/errors/virtual.ts', code: "import { x } from '../applications';" },
  { file: 'src/errors/virtual.ts', code: "import { x } from '../applications/public-api/x';" },
  { file: 'src/applications/virtual.ts', code: "import { CdErrorEntity } from '../errors/cd-error.entity';" },
];

/** None may be reported. */
const ALLOWED: readonly Case[] = [
  { file: 'src/workflow/virtual.ts', code: "import { setup } from 'xstate';" },
  { file: 'src/workflow/virtual.ts', code: "import type { Role } from './roles';" },
  { file: 'src/workflow/virtual.ts', code: "import type { Role } from '../workflow/roles';" },
  { file: 'src/workflow/virtual.spec.ts', code: "import { replay } from '../../test/support/workflow-replay';" }, // stands-alone: sample
  { file: 'src/workflow/core/virtual.ts', code: "import type { EventSender } from '../roles';" },
  { file: 'src/database/virtual.ts', code: "import { Outbox } from '../outbox/outbox';" },
  { file: 'src/database/virtual.ts', code: "import type { AppConfig } from '../config';" },
  { file: 'src/database/virtual.ts', code: "import type { Clock } from '../workflow/clock';" },
  { file: 'src/database/virtual.ts', code: "import { MIGRATIONS } from '../../migrations';" }, // stands-alone: sample
  { file: 'src/http/health.controller.ts', code: "import { Public } from '../common/route-policy';" },
  { file: 'src/http/health.controller.ts', code: "import { UnitOfWork } from '../database/unit-of-work';" },
  { file: 'src/auth/virtual.ts', code: "import { ROUTE_POLICY } from '../common/route-policy';" },
  { file: 'src/auth/virtual.ts', code: "import { DomainException } from '../http/domain-exception';" },
  { file: 'src/common/virtual.ts', code: "import type { Role } from '../workflow/roles';" },
  { file: 'src/errors/virtual.ts', code: "import { ApplicationLookup } from '../applications/public-api';" },
  { file: 'src/errors/virtual.ts', code: "import { actorFacts } from '../auth/actor';" },
  { file: 'src/errors/virtual.ts', code: "import { plain } from '../common/plain-json';" },
  { file: 'src/applications/virtual.ts', code: "import { SCHEDULER } from '../auth/actor';" },
  { file: 'src/applications/virtual.ts', code: "import { x } from '../errors/public-api';" },
  { file: 'src/app.module.ts', code: "import { ApplicationsModule } from './applications/applications.module';" },
  { file: 'src/app.setup.ts', code: "import { CdErrorDeadlines } from './errors/cd-error-deadlines.service';" },
  { file: 'test/virtual.e2e-spec.ts', code: "import { ApplicationEntity } from '../src/applications/application.entity';" },
];

describe('import boundaries (eslint.config.mjs, docs/architecture.md §3)', () => {
  let forbidden: Finding[][];
  let allowed: Finding[][];

  beforeAll(async () => {
    const results = await lint([...FORBIDDEN, ...ALLOWED]);
    forbidden = results.slice(0, FORBIDDEN.length);
    allowed = results.slice(FORBIDDEN.length);
  });

  it.each(FORBIDDEN.map((c, index) => [c.file, c.code, index] as const))('reports %s: %s', (_file, _code, index) => {
    const findings = forbidden[index];
    expect(findings.filter((f) => f.fatal)).toEqual([]);
    expect(findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(findings[0].message).toMatch(/docs\/architecture\.md §3/);
  });

  it.each(ALLOWED.map((c, index) => [c.file, c.code, index] as const))('allows %s: %s', (_file, _code, index) => {
    expect(allowed[index]).toEqual([]);
  });
});
