/** ESM throughout: @actions/core 3, exec 3 and tool-cache 4 are ESM-only. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // A safety net against a hung server, not a speed goal: speed is measured under bench/.
  testTimeout: 180000,
  verbose: true
}
