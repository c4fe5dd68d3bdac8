/**
 * Nest 12 packages are ESM; Jest's CommonJS runtime on Node 20 cannot require() them, so @swc/jest
 * compiles them (and the ESM packages they pull in) to CommonJS (docs/architecture.md §10, Jest and Nest 12).
 */
const esmPackages = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  '@tokenizer',
  'uint8array-extras',
  'load-esm',
  'jose',
];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  testTimeout: 60000,
  // A `postgres-only` spec (several instances on one PostgreSQL database: docs/scaling.md) runs when the run targets
  // PostgreSQL (DATABASE_URL set: npm run test:pg, and .ci/run's PostgreSQL stage), as `sqlite-only` ones run only
  // when it does not.
  testPathIgnorePatterns: ['/node_modules/', process.env.DATABASE_URL ? 'sqlite-only' : 'postgres-only'],
};
