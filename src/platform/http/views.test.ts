import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'
import { createViews } from './views.js'

/** An environment over templates held in memory, with the views' import cache in place. */
function environment(templates: Record<string, string>) {
  createViews()
  const loader = {
    getSource: (name: string) =>
      name in templates ? { src: templates[name] as string, path: name, noCache: false } : null,
  }
  return new nunjucks.Environment(loader as unknown as nunjucks.ILoader, { autoescape: true })
}

describe('imports of macros', () => {
  it('runs an imported template once, however many pages import it', () => {
    let runs = 0
    const env = environment({
      'lib.njk': '{{ counted() }}{% macro hello(x) %}Hello {{ x }}{% endmacro %}',
      'page.njk': '{% from "lib.njk" import hello %}{{ hello(who) }}',
    })
    env.addGlobal('counted', () => {
      runs += 1
      return ''
    })
    expect(['Ada', 'Bo', 'Cy'].map((who) => env.render('page.njk', { who }))).toEqual([
      'Hello Ada',
      'Hello Bo',
      'Hello Cy',
    ])
    expect(runs).toBe(1)
  })

  it('runs an import "with context" for each page, since it sees the page', () => {
    const env = environment({
      'lib.njk': '{% set greeting = "Hello " + name %}',
      'page.njk': '{% from "lib.njk" import greeting with context %}{{ greeting }}',
    })
    expect(env.render('page.njk', { name: 'Ada' })).toBe('Hello Ada')
    expect(env.render('page.njk', { name: 'Bo' })).toBe('Hello Bo')
  })

  it('renders a page of GOV.UK components the same each time', () => {
    const views = createViews()
    const page = (n: number) =>
      views.render('platform/views/message.njk', {
        pageTitle: `Page ${n}`,
        paragraphs: [`Paragraph ${n}`],
        authorityName: 'Test Council',
      })
    const [first, second] = [page(1), page(2)]
    expect(second).toBe(first.replaceAll('Page 1', 'Page 2').replaceAll('Paragraph 1', 'Paragraph 2'))
    expect(first).toContain('govuk-phase-banner')
  })
})

describe('the tag filter', () => {
  const env = createViews()
  const render = (src: string, ctx: object) =>
    env.renderString(src, ctx).replace(/\s+/g, ' ').replace(/> </g, '><').trim()

  it('writes the markup GOV.UK Frontend’s govukTag macro writes for a text tag', () => {
    const ctx = { t: { text: 'Due soon', classes: 'govuk-tag--yellow' } }
    expect(render('{{ t | tag }}', ctx)).toBe(
      render(
        '{% from "govuk/components/tag/macro.njk" import govukTag %}{{ govukTag({ text: t.text, classes: t.classes }) }}',
        ctx,
      )
        .replace('> ', '>')
        .replace(' <', '<'),
    )
    expect(render('{{ t | tag("govuk-!-margin-bottom-1") }}', { t: { text: 'Seen' } })).toBe(
      '<strong class="govuk-tag govuk-!-margin-bottom-1">Seen</strong>',
    )
  })

  it('escapes the words and the classes', () => {
    expect(render('{{ t | tag }}', { t: { text: '<b>"Tom & Jo\'s"</b>', classes: 'x" onclick="y' } })).toBe(
      '<strong class="govuk-tag x&quot; onclick=&quot;y">&lt;b&gt;&quot;Tom &amp; Jo&#39;s&quot;&lt;/b&gt;</strong>',
    )
  })
})
