/**
 * `npm run test:browser`: the web pages' journeys in Debian's Chromium driven by playwright-core (docs/web.md,
 * "Browser tests"). Kept apart from `npm test`, which runs without a browser.
 */
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testRegex: '.*\\.browser-spec\\.ts$',
  testTimeout: 180000,
};
