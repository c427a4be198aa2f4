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

/**
 * SQL lives in stores (`store.ts`, `*-store.ts`) and migrations. Elsewhere in a module or the CLI,
 * kysely and platform/db may be imported for their types only (a service opens a transaction and
 * hands `trx` to its stores), and no query is built.
 */
const STORES = ['**/store.ts', '**/*-store.ts']
const NO_SQL_IMPORTS = [
  { name: 'kysely', allowTypeImports: true, message: 'SQL lives in stores: import kysely in a store.ts.' },
]
const NO_DB_PATTERN = {
  regex: '^(\\.\\./)+platform/db/',
  allowTypeImports: true,
  message: 'The database is reached through a store: import platform/db in a store.ts (types are fine).',
}
const NO_QUERIES = [
  'error',
  {
    selector:
      "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)$/]",
    message: 'SQL lives in stores: move this query into the module’s store.ts (or a *-store.ts).',
  },
]
const boundaries = [
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
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
  ...MODULES.flatMap((name) => {
    const others = MODULES.filter((m) => m !== name).join('|')
    const modulePatterns = [
      {
        regex: `^(\\.\\./)+(${others})/(.+/)?${INTERNALS}$`,
        message:
          "Another module's routes, stores and subjects are its own: use its index.ts, service or model.",
      },
      {
        regex: `^(\\.\\./)+(${others})/(.+/)?views/`,
        message: "Another module's views are its own: render your own, or show its home panel.",
      },
    ]
    const files = [`src/modules/${name}/**/*.ts`]
    return [
      {
        files,
        ignores: [...STORES, '**/*.test.ts'],
        rules: {
          '@typescript-eslint/no-restricted-imports': [
            'error',
            { paths: NO_SQL_IMPORTS, patterns: [...modulePatterns, NO_DB_PATTERN] },
          ],
          'no-restricted-syntax': NO_QUERIES,
        },
      },
      {
        files: STORES.map((store) => `src/modules/${name}/${store}`).concat(
          `src/modules/${name}/**/*.test.ts`,
        ),
        rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: modulePatterns }] },
      },
    ]
  }),
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: NO_SQL_IMPORTS }],
      'no-restricted-syntax': NO_QUERIES,
    },
  },
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
