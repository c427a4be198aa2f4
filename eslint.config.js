import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/**
 * The module boundaries (docs/architecture.md, "The module contract"): `src/platform/` imports no
 * module, and a module reaches another only through its `index.ts`, its services or its model,
 * never its routes, stores, subjects or views. The rule reads import paths as written, so each
 * module gets its own patterns naming the other modules.
 */
const MODULES = readdirSync(new URL('./src/modules', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
const INTERNALS = '(routes|[\\w-]+-routes|store|[\\w-]+-store|subjects|[\\w-]+-subjects)(\\.[jt]s)?'
const boundaries = [
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+modules/',
              message:
                'platform/ imports no module: modules plug in through their descriptor (src/platform/modules.ts).',
            },
          ],
        },
      ],
    },
  },
  ...MODULES.map((name) => {
    const others = MODULES.filter((m) => m !== name).join('|')
    return {
      files: [`src/modules/${name}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(\\.\\./)+(${others})/(.+/)?${INTERNALS}$`,
                message:
                  "Another module's routes, stores and subjects are its own: use its index.ts, service or model.",
              },
              {
                regex: `^(\\.\\./)+(${others})/(.+/)?views/`,
                message: "Another module's views are its own: render your own, or show its home panel.",
              },
            ],
          },
        ],
      },
    }
  }),
]

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'bench/results', 'public', 'tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Type-aware rules: a promise nobody awaits or catches, or one handed to a caller that
  // expects a plain function, loses its rejection. Types come from tsconfig.json.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  ...boundaries,
)
