/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // jose is ES modules only: Jest's CommonJS loader gets a copy (Node loads the original with require).
    '/node_modules/jose/.+\\.js$': '<rootDir>/test/support/esm-transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // strip-bom (a dependency of @microsoft/app-manifest) is ESM-only; Jest's CommonJS loader gets a copy.
  moduleNameMapper: { '^strip-bom$': '<rootDir>/test/support/strip-bom.cjs' },
  testTimeout: 30000,
  maxWorkers: 2,
};
