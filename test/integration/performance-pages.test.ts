/**
 * The digest's pages over the demo authority: only roles with `performance.view` see them; a
 * wrong period or area gives an error summary (or a 400 page), never a crash; a measure's page
 * has its chart and the table behind it; and the children page lists only children the reader may
 * see, each audited as read under the measure. PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'
import { collectionYearOf } from '../../src/modules/performance/pages.js'
import { londonToday } from '../../src/platform/calendar/dates.js'
import { HAVEN_MODULES } from '../../src/bootstrap.js'
import { syncKpiCatalogue } from '../../src/modules/performance/catalogue-store.js'
import { digestCatalogue } from '../../src/modules/performance/index.js'
import { firstAllocatedChild } from '../support/actors.js'
import { recordReferral } from '../support/digest-records.js'

let t: TestApp
const browsers = new Map<string, Browser>()
const TEAM = encodeURIComponent('team:Assessment team')

async function as(username: string): Promise<Browser> {
  const known = browsers.get(username)
  if (known) return known
  const b = new Browser(t.app)
  expect((await b.signIn(username)).statusCode).toBe(303)
  browsers.set(username, b)
  return b
}

/** The children a page links to. */
const childLinks = (body: string) =>
  [...body.matchAll(/href="\/children\/(\d+)" data-testid="child-link"/g)].map((m) => Number(m[1]))

/** The children a page's request audited as listed. */
function listed(res: { headers: Record<string, unknown> }) {
  return t.database.db
    .selectFrom('audit_event')
    .select(['child_id', 'outcome', 'record_id'])
    .where('request_id', '=', res.headers['x-request-id'] as string)
    .where('action', '=', 'child.list')
    .execute()
}

beforeAll(async () => {
  t = await openTestApp()
  // The application loads the catalogue at each open (bootstrap.ts); a test database has none.
  await syncKpiCatalogue(t.database.db, digestCatalogue(HAVEN_MODULES))
}, 120_000)
afterAll(async () => t.close())

describe('the digest page', () => {
  it('shows the current year for the whole authority by default, by section, with charts and tables', async () => {
    const res = await (await as('service.manager')).get('/performance/digest')
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toContain(`Whole authority, ${collectionYearOf(londonToday(t.clock.now()))}`)
    for (const section of [
      'Front door',
      'Assessment',
      'Child protection',
      'Children looked after',
      'Awaiting a module',
    ])
      expect(text).toContain(section)
    expect(res.body).toMatch(
      /<svg [^>]*role="img" aria-labelledby="chart-small-referrals-title chart-small-referrals-desc"/,
    )
    expect(res.body).toContain('data-testid="trend-table-referrals"')
    // Awaiting measures name the module that will hold their data.
    expect(text).toMatch(/Care leavers module \(leavers\)/i)
    // The downloads go to the export route, keeping the period and area.
    expect(res.body).toMatch(
      /href="\/performance\/digest\/download\?period=\d{4}%2F\d{2}&amp;area=authority&amp;format=xlsx"/,
    )
    expect(res.body).not.toMatch(/style="/)
  })

  it('counts one team when asked', async () => {
    const res = await (await as('service.manager')).get(`/performance/digest?area=${TEAM}`)
    expect(res.statusCode).toBe(200)
    expect(pageText(res.body)).toContain('Assessment team,')
    expect(res.body).toMatch(/<option value="team:Assessment team" selected>/)
  })

  it('is in the navigation for performance roles and linked from the timescales page', async () => {
    const officer = await as('performance')
    const home = await officer.get('/performance')
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('href="/performance/digest"')
    expect(pageText(home.body)).toContain('Statutory timescales')
    expect((await officer.get('/performance/digest')).statusCode).toBe(200)
  })

  it.each(['social.worker', 'auditor', 'admin', 'police'])('is refused to %s', async (username) => {
    const b = await as(username)
    for (const url of [
      '/performance/digest',
      '/performance/digest/measure?measure=referrals',
      '/performance/digest/children?measure=referrals&part=denominator',
    ])
      expect((await b.get(url)).statusCode, url).toBe(403)
    expect((await b.get('/')).body).not.toContain('href="/performance/digest"')
  })

  it.each([
    ['period=2025-26', '#period', 'is not a collection year'],
    ['period=2090/91', '#period', 'has not begun'],
    ['area=nowhere', '#area', 'is not an area'],
    ['area=team:No such team', '#area', 'There is no team called'],
    ['area=worker:nobody', '#area', 'There is no worker called'],
  ])('answers %s with an error summary, not a crash', async (query, href, message) => {
    const res = await (await as('service.manager')).get(`/performance/digest?${encodeURI(query)}`)
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('There is a problem')
    expect(res.body).toContain(`href="${href}"`)
    expect(res.body).toContain(message)
    expect(res.body).toMatch(/<title>\s*Error:/)
  })
})

describe('a measure’s page', () => {
  it('has the definition, the chart with its title and description, and the table with links to the children', async () => {
    const res = await (
      await as('service.manager')
    ).get(`/performance/digest/measure?measure=referrals&area=${TEAM}`)
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toContain('Definition')
    expect(text).toContain('Comparators')
    expect(res.body).toMatch(
      /<svg [^>]*role="img"[^>]*aria-labelledby="chart-large-referrals-title chart-large-referrals-desc"/,
    )
    expect(res.body).toContain('<title id="chart-large-referrals-title">')
    expect(res.body).toMatch(
      /href="\/performance\/digest\/children\?period=[^"]*&amp;part=denominator&amp;measure=referrals&amp;month=\d{4}-\d{2}"/,
    )
  })

  it('gives the authority’s figure team by team, each linking to the team’s page of the measure', async () => {
    const b = await as('service.manager')
    const res = await b.get('/performance/digest/measure?measure=referrals')
    expect(res.statusCode).toBe(200)
    expect(pageText(res.body)).toContain('By team')
    expect(res.body).toMatch(
      /<a class="govuk-link" href="\/performance\/digest\/measure\?period=[^"]*&amp;area=team%3AAssessment\+team&amp;measure=referrals">Assessment team<\/a>/,
    )
    const team = await b.get(`/performance/digest/measure?measure=referrals&area=${TEAM}`)
    expect(pageText(team.body)).not.toContain('By team')
  })

  it('is not found for a measure with no figures, and refuses a wrong period', async () => {
    const b = await as('service.manager')
    expect((await b.get('/performance/digest/measure?measure=no-such-measure')).statusCode).toBe(404)
    const bad = await b.get('/performance/digest/measure?measure=referrals&period=nonsense')
    expect(bad.statusCode).toBe(400)
    expect(pageText(bad.body)).toContain('is not a collection year')
  })
})

describe('the children behind a figure', () => {
  it('lists the children the reader may see, each linking to the record and audited under the measure', async () => {
    const res = await (
      await as('service.manager')
    ).get(`/performance/digest/children?measure=referrals&area=${TEAM}&part=numerator`)
    expect(res.statusCode).toBe(200)
    const ids = childLinks(res.body)
    expect(ids.length).toBeGreaterThan(0)
    const audited = await listed(res)
    expect(new Set(audited.map((a) => a.child_id))).toEqual(new Set(ids))
    expect(audited.every((a) => a.outcome === 'allowed' && a.record_id === 'referrals@1')).toBe(true)
  })

  it('shows a reader who may see no child how many are not shown, and audits none', async () => {
    const res = await (
      await as('performance')
    ).get(`/performance/digest/children?measure=referrals&area=${TEAM}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('data-testid="child-link"')
    expect(pageText(res.body)).toMatch(/\d+ not shown/)
    const audited = await listed(res)
    expect(audited).toEqual([])
  })

  it.each([
    ['part=both', 400],
    ['month=April', 400],
    ['month=2001-01', 404],
  ])('answers %s with %i', async (query, status) => {
    const res = await (
      await as('service.manager')
    ).get(`/performance/digest/children?measure=referrals&${query}`)
    expect(res.statusCode).toBe(status)
  })
})

describe('the records affecting a figure', () => {
  it('are counted on the digest’s cards and on the measure’s page, with links to their list', async () => {
    const b = await as('service.manager')
    const digest = await b.get('/performance/digest')
    expect(digest.statusCode).toBe(200)
    expect(pageText(digest.body)).toContain('Data quality')
    const measure = await b.get('/performance/digest/measure?measure=referrals')
    expect(measure.statusCode).toBe(200)
    expect(measure.body).toContain('data-testid="quality-checks"')
    expect(pageText(measure.body)).toContain('Two referrals of one child on the same day')
    // The whole authority's page has the engine's checks: the units no team's figure counts.
    expect(pageText(measure.body)).toContain('No allocated worker in a team on the day')
    const team = await b.get(`/performance/digest/measure?measure=referrals&area=${TEAM}`)
    expect(pageText(team.body)).not.toContain('No allocated worker in a team on the day')
  })

  it('are listed by check for the reader, each child linking to the record to put right and audited', async () => {
    // A child of the demo referred twice today: a same-day pair.
    const childId = await firstAllocatedChild(t.database.db)
    const today = londonToday(t.clock.now())
    for (let i = 0; i < 2; i += 1) await recordReferral(t.database.db, childId, today)
    const res = await (await as('service.manager')).get('/performance/digest/quality?measure=referrals')
    expect(res.statusCode).toBe(200)
    const text = pageText(res.body)
    expect(text).toContain('Records affecting the figure')
    expect(res.body).toContain('id="check-same-day-referrals"')
    expect(res.body).toContain('id="check-no-team"')
    const ids = childLinks(res.body)
    const audited = await listed(res)
    expect(ids).toContain(childId)
    expect(res.body).toMatch(/href="\/referrals\/\d+" data-testid="record-link"/)
    expect(new Set(audited.map((a) => a.child_id))).toEqual(new Set(ids))
    expect(audited.every((a) => a.outcome === 'allowed' && a.record_id === 'referrals@1')).toBe(true)
    const found = Number(/Found: (\d+)\. Listed here: (\d+)/.exec(text)?.[1])
    expect(found).toBeGreaterThanOrEqual(ids.length)
  })

  it('show a reader who may see no child how many there are and name none', async () => {
    const res = await (await as('performance')).get('/performance/digest/quality?measure=referrals')
    expect(res.statusCode).toBe(200)
    expect(res.body).not.toContain('data-testid="child-link"')
    const audited = await listed(res)
    expect(audited).toEqual([])
  })

  it.each([
    ['social.worker', 'measure=referrals', 403],
    ['service.manager', 'measure=no-such-measure', 404],
    ['service.manager', 'measure=referrals&period=nonsense', 400],
  ])('answer %s asking %s with %i', async (username, query, status) => {
    expect((await (await as(username)).get(`/performance/digest/quality?${query}`)).statusCode).toBe(status)
  })
})
