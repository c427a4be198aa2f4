/**
 * The Nunjucks environment. Templates are named from `src/` (e.g. `platform/views/layout.njk`,
 * `modules/people/views/child.njk`), so no two modules' views can collide on a name.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import nunjucks from 'nunjucks'
import { formatDate, formatDateTime, workingDaysPhrase } from './dates.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

type ExportedCallback = (err: Error | null, exported: unknown) => void
interface ImportableTemplate {
  getExported(ctx: unknown, parentFrame?: unknown, cb?: ExportedCallback): void
}

const exportsByTemplate = new WeakMap<object, unknown>()
let importsCached = false

/**
 * Nunjucks runs an imported template's top level again on every `{% from … import %}`, and every
 * GOV.UK component's template imports its helpers, so a page of a few dozen components spent more
 * time re-importing macros than writing HTML (half of an empty page's 0.5 ms). An import without
 * context cannot see the page that imports it, so what it exports is the same every time: keep
 * it, per compiled template (a template reloaded in watch mode is a new object). Imports `with
 * context` run as before.
 */
function cacheContextFreeImports(): void {
  if (importsCached) return
  importsCached = true
  const proto = (nunjucks.Template as unknown as { prototype: ImportableTemplate }).prototype
  const original = proto.getExported
  proto.getExported = function (this: ImportableTemplate, ctx, parentFrame, cb) {
    if (typeof ctx !== 'function') return original.call(this, ctx, parentFrame, cb)
    const done = ctx as ExportedCallback
    if (exportsByTemplate.has(this)) return done(null, exportsByTemplate.get(this))
    return original.call(this, (err: Error | null, exported: unknown) => {
      if (!err) exportsByTemplate.set(this, exported)
      done(err, exported)
    })
  }
}

export function createViews(options: { watch?: boolean } = {}): nunjucks.Environment {
  cacheContextFreeImports()
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
  env.addFilter('tag', govukTagMarkup)
  return env
}

/** A tag as the worklists and record panels give one: its words and the colour's classes. */
export interface TagView {
  text: string
  classes?: string
}

/**
 * GOV.UK Frontend's tag (`<strong class="govuk-tag …">`) for lists that show one on every row:
 * the `govukTag` macro imports and calls two more macros each time, which cost a 50-row worklist
 * about 2 ms of its render; this writes the same markup (text only, escaped) directly.
 */
function govukTagMarkup(tag: TagView, extraClasses?: string): nunjucks.runtime.SafeString {
  const classes = ['govuk-tag', tag.classes, extraClasses].filter(Boolean).join(' ')
  return new nunjucks.runtime.SafeString(
    `<strong class="${escapeText(classes)}">${escapeText(tag.text)}</strong>`,
  )
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe inside HTML, as Nunjucks' autoescape makes it. */
function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
}

export const ASSET_DIRS = {
  govuk: path.join(root, 'node_modules/govuk-frontend/dist/govuk'),
  moj: path.join(root, 'node_modules/@ministryofjustice/frontend/moj'),
  haven: path.join(root, 'public'),
}
