/**
 * The demo authority's child in care, as the README's sign-ins meet her: on the IRO's list with the
 * first review due, and on her social worker's care page with the IRO and the first week's visit.
 * On PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
let childId: number
beforeAll(async () => {
  t = await openTestApp()
  const child = await t.database.db
    .selectFrom('person')
    .select('id')
    .where('given_name', '=', 'Ellie')
    .where('family_name', '=', 'Marsh')
    .executeTakeFirstOrThrow()
  childId = child.id
})
afterAll(async () => t.close())

describe('the demo’s child in care', () => {
  it('is looked after under section 20, with the IRO allocated and a visit in the first week', async () => {
    const rows = await t.database.db
      .selectFrom('care_episode_v')
      .select(['rne', 'ls', 'place', 'place_provider', 'dec'])
      .where('child_id', '=', childId)
      .execute()
    expect(rows).toEqual([{ rne: 'S', ls: 'V2', place: 'U4', place_provider: 'PR1', dec: null }])
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const page = pageText((await sw.get(`/children/${childId}/care`)).body)
    expect(page).toContain('Ruth Okonjo')
    expect(page).toContain('Amara Lewis')
  })

  it('is on the IRO’s home page, and the first review is owed within 20 working days of care starting', async () => {
    const iro = new Browser(t.app)
    await iro.signIn('iro')
    const home = await iro.get('/')
    expect(home.statusCode).toBe(200)
    expect(pageText(home.body)).toContain('Ellie Marsh')
    const tasks = await t.database.db
      .selectFrom('task')
      .select(['clock_code'])
      .where('child_id', '=', childId)
      .where('stopped_at', 'is', null)
      .orderBy('clock_code')
      .execute()
    expect(tasks.map((r) => r.clock_code)).toEqual(
      expect.arrayContaining(['iha-20wd', 'lac-review-20wd', 'lac-visit-6w']),
    )
    expect(tasks.map((r) => r.clock_code)).not.toContain('lac-visit-1w')
  })

  it('waits for her initial health assessment’s paperwork, on the team manager’s list of who waits', async () => {
    const manager = new Browser(t.app)
    await manager.signIn('team.manager')
    expect(pageText((await manager.get('/')).body)).toContain('waiting for a health assessment')
    const list = pageText((await manager.get('/care/health-waiting')).body)
    expect(list).toMatch(/Ellie Marsh\s+Initial health assessment[^]*Waiting for the paperwork/)
    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const page = pageText((await sw.get(`/children/${childId}/care`)).body)
    expect(page).toContain('Initial health assessment: Waiting for the paperwork (consent or referral forms)')
  })
})
