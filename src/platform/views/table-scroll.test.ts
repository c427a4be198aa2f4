import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createViews } from '../http/views.js'

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const IMPORT = '{% from "platform/views/table-scroll.njk" import havenTableScroll %}'

describe('havenTableScroll', () => {
  it('puts the table in a named region that is a tab stop and scrolls', () => {
    const html = createViews().renderString(
      `${IMPORT}{% call havenTableScroll({ label: label }) %}<table class="govuk-table"></table>{% endcall %}`,
      { label: 'Children on this contact & each child’s decision' },
    )
    expect(html.replace(/\s+/g, ' ').trim()).toBe(
      '<div class="haven-table-scroll" role="region" aria-label="Children on this contact &amp; each child’s decision" tabindex="0"> <table class="govuk-table"></table> </div>',
    )
  })
})

/**
 * Where each table (written out, or GOV.UK's macro) starts in a template, and whether it is inside
 * a `{% call havenTableScroll(…) %}` block, counting the template's other call blocks.
 */
function unwrappedTables(template: string): number[] {
  const token = /\{%-?\s*call\s+(\w+)|\{%-?\s*endcall\b|<table\b|govukTable\(/g
  const open: string[] = []
  const lines: number[] = []
  for (const match of template.matchAll(token)) {
    if (match[1]) open.push(match[1])
    else if (match[0].includes('endcall')) open.pop()
    else if (!open.includes('havenTableScroll')) lines.push(template.slice(0, match.index).split('\n').length)
  }
  return lines
}

describe('every table in Haven’s templates', () => {
  it('is found unwrapped when it is not in a havenTableScroll block', () => {
    expect(unwrappedTables('<table class="govuk-table"></table>')).toEqual([1])
    expect(unwrappedTables('{% call govukFieldset({}) %}\n<table></table>{% endcall %}')).toEqual([2])
    expect(
      unwrappedTables(
        '{% call havenTableScroll({}) %}{% call x() %}{% endcall %}{% endcall %}\n{{ govukTable({}) }}',
      ),
    ).toEqual([2])
    expect(unwrappedTables('{% call havenTableScroll({}) %}{{ govukTable({}) }}{% endcall %}')).toEqual([])
  })

  it('scrolls in its own box, so no page is wider than a 320 pixel screen', () => {
    const templates = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.njk'),
    )
    const unwrapped = templates
      .filter((f) => !f.endsWith('table-scroll.njk'))
      .flatMap((f) => unwrappedTables(readFileSync(path.join(src, f), 'utf8')).map((line) => `${f}:${line}`))
    expect(templates.length).toBeGreaterThan(20)
    expect(unwrapped).toEqual([])
  })
})
