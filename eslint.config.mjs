import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries (docs/architecture.md §3, "Layering"): dependencies point one way. One
 * `@typescript-eslint/no-restricted-imports` block per folder of src/ and per depth below it, because a
 * relative specifier only names a folder of src/ once the importing file's depth is known. Checked by
 * test/import-boundaries.spec.ts. Type-only imports count too: a type is a dependency.
 */
/** The features: they import each other only through the other's public-api.ts. */
const FEATURES = ['applications', 'errors', 'ripa', 'disclosures', 'products', 'reporting', 'retention', 'web'];
/** Infrastructure: it imports no feature (it may import other infrastructure, src/common and src/workflow). */
const INFRASTRUCTURE = ['database', 'http', 'auth', 'outbox', 'idempotency', 'housekeeping', 'pdf', 'audit'];
/** The neutral module: helpers the features share; it imports only src/workflow. */
const NEUTRAL = 'common';
/** The pure domain: it imports only its own files. */
const PURE = 'workflow';
/** Files of src/ deeper than this are not checked; raise it if a folder ever nests deeper. */
const MAX_DEPTH = 4;

/** `n` steps up, as a regular expression (spelled with escapes, so this file holds no climbing path). */
const up = (n) => '(?:\\.\\./)'.repeat(n);
/** The start of a relative specifier that lands in src/ from a file `depth` folders below src/ (also via `src/`). */
const inSrc = (depth) => `^${up(depth)}(?:${up(1)}src/)?`;
const anyOf = (names) => `(?:${names.join('|')})(?:/|$)`;
const SCRIPT_EXTENSION = '(?:\\.[cm]?[jt]s)?';

/** The restricted patterns for a file `depth` folders below src/, in `folder`. */
function boundaryPatterns(folder, depth) {
  const patterns = [
    {
      regex: `${inSrc(depth)}(?:app\\.module|app\\.setup|main)${SCRIPT_EXTENSION}$`,
      message: 'Only the composition root (src/*.ts) imports the application module, its setup or main (docs/architecture.md §3).',
    },
  ];
  if (folder === PURE) {
    patterns.push(
      {
        regex: '^(?:@nestjs|typeorm|express|pg|better-sqlite3)(?:/|$)',
        message: 'src/workflow is pure: no Nest, TypeORM, Express or database driver (docs/architecture.md §3).',
      },
      {
        regex: `${inSrc(depth)}(?!${anyOf([PURE, '\\.\\.'])})`,
        message: 'src/workflow is pure: it imports only its own files, never another part of src/ (docs/architecture.md §3).',
      },
    );
  } else if (folder === NEUTRAL) {
    patterns.push({
      regex: `${inSrc(depth)}(?!${anyOf([NEUTRAL, PURE, '\\.\\.'])})`,
      message: 'src/common is neutral: it imports only src/workflow and its own files (docs/architecture.md §3).',
    });
  } else if (INFRASTRUCTURE.includes(folder)) {
    patterns.push({
      regex: `${inSrc(depth)}${anyOf(FEATURES)}`,
      message: `src/${folder} is infrastructure: it imports no feature (docs/architecture.md §3). Shared helpers go to src/common.`,
    });
    if (folder === 'http') {
      patterns.push({
        regex: `${inSrc(depth)}${anyOf(['auth'])}`,
        message: 'src/http sits below src/auth (auth uses DomainException); route policies come from src/common/route-policy (docs/architecture.md §3).',
      });
    }
  } else if (FEATURES.includes(folder)) {
    for (const other of FEATURES.filter((f) => f !== folder)) {
      patterns.push({
        regex: `${inSrc(depth)}${other}(?:/(?!public-api${SCRIPT_EXTENSION}$)|$)`,
        message: `A feature reads src/${other} only through src/${other}/public-api.ts (docs/architecture.md §3).`,
      });
    }
  }
  return patterns.map((pattern) => ({ ...pattern, caseSensitive: true }));
}

const importBoundaries = [PURE, NEUTRAL, ...INFRASTRUCTURE, ...FEATURES].flatMap((folder) =>
  Array.from({ length: MAX_DEPTH }, (_, index) => ({
    files: [`src/${folder}/${'*/'.repeat(index)}*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: boundaryPatterns(folder, index + 1) }] },
  })),
);

export default tseslint.config(
  // test/generated is written by `npm run client:generate` (scripts/generate-client.js), not to these rules.
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test/generated/**', 'src/web/assets/**', 'jest.config.js', 'jest.browser.config.js', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  ...importBoundaries,
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
  {
    // Plain CommonJS tools that run without a build (`node scripts/…`): checked by tsc through `// @ts-check`.
    files: ['scripts/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);
