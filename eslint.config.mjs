// @ts-check
import withNuxt from './.nuxt/eslint.config.mjs'

export default withNuxt(
  {
    ignores: ['server/db/generated/**', 'dist/**', '.test-bundles/**', '.data/**', 'test-results/**', 'playwright-report/**'],
  },
  {
    // Black-box tests read arbitrary JSON answers; typing every body would only restate the assertions.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Business rules stay framework-free so routes and workers share them (docs/ARCHITECTURE.md).
    files: ['server/domain/**/*.ts', 'server/cache/**/*.ts', 'server/messaging/**/*.ts', 'server/db/**/*.ts', 'server/config/**/*.ts', 'workers/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['h3', 'nitropack', 'nitropack/*', '#imports', 'nuxt', 'nuxt/*', 'vue'], message: 'Keep this layer framework-free.' },
        ],
      }],
    },
  },
)
