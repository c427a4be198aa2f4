/**
 * The Nunjucks environment. Templates are named from `src/` (e.g. `platform/views/layout.njk`,
 * `modules/people/views/child.njk`), so no two modules' views can collide on a name.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { formatDate, formatDateTime, workingDaysPhrase } from './dates.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  const env = nunjucks.configure(
    [
      path.join(root, 'src'),
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
    ],
    {
      autoescape: true,
      throwOnUndefined: false,
      trimBlocks: true,
      lstripBlocks: true,
      watch: options.watch ?? false,
    },
  )
  env.addFilter('date', formatDate)
  env.addFilter('dateTime', formatDateTime)
  env.addFilter('workingDays', workingDaysPhrase)
  env.addFilter('plural', (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`)
  return env
}

export const ASSET_DIRS = {
  govuk: path.join(root, 'node_modules/govuk-frontend/dist/govuk'),
  moj: path.join(root, 'node_modules/@ministryofjustice/frontend/moj'),
  haven: path.join(root, 'public'),
}
