/**
 * The fast tier (`npm run test:fast`): the domain, the cards, the use cases, the bot's handlers and the
 * store contract suites on their in-memory side, with no Azurite, no browser and no built program. The
 * full `npm test` runs everything, Azurite and the built server included.
 */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  setupFiles: ['<rootDir>/test/support/fast-tier.ts'],
  testMatch: [
    '<rootDir>/test/{domain,cards,app,bot,files}/**/*.test.ts',
    '<rootDir>/test/store/*.contract.test.ts',
    '<rootDir>/test/fresh-build.test.ts',
  ],
  // These use Azurite or a browser on purpose (the full tier runs them).
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/cards/render-in-browser\\.test\\.ts$',
    '/test/app/(plan-versions|email-limits|quarter-pages|published-record)\\.test\\.ts$',
  ],
};
