/**
 * One definition everywhere (issue 18): a team manager's assessments overdue on the home page is
 * the digest's `assessments-overdue` figure for that team, and both are the team worklist's own
 * overdue rows of the assessment clocks, on the demo authority as `npm start` builds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { computeDigest } from '../../src/modules/performance/digest.js'
import { collectionYearOf } from '../../src/modules/performance/model.js'
import { londonToday } from '../../src/platform/calendar/dates.js'
import { parseWorklistQuery } from '../../src/modules/worklists/model.js'
import { openTasks, visibleOf } from '../../src/modules/worklists/store.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { actingAs } from '../support/actors.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

const ASSESSMENT_CLOCKS = new Set(['assessment-from-referral-45wd', 'assessment-45wd'])
let t: TestApp

beforeAll(async () => {
  // A fixed time a week after the demo was built, so its assessments have fallen due.
  t = await openTestApp({ clock: fixedClock(new Date(Date.now() + 7 * 86_400_000)) })
})
afterAll(async () => t?.close())

describe('assessments overdue', () => {
  it('are one number on the team manager’s home page, in the digest and on the team worklist', async () => {
    const managers = await t.database.db
      .selectFrom('app_user')
      .select('username')
      .where('role', '=', 'team_manager')
      .orderBy('username')
      .execute()
    let overdueSeen = 0
    let hiddenSeen = 0
    for (const { username } of managers) {
      const { actor } = await actingAs(t.database.db, username)
      if (actor.managedTeamIds.length === 0) continue
      const browser = new Browser(t.app)
      await browser.signIn(username)
      const home = await browser.get('/')
      const shown = new Map(
        [...home.body.matchAll(/<strong>([^<]+):<\/strong>\s*(\d+) assessments? overdue of (\d+) open/g)].map(
          (m) => [m[1] as string, Number(m[2])],
        ),
      )
      const teams = await t.database.db
        .selectFrom('team')
        .select(['id', 'name'])
        .where('id', 'in', actor.managedTeamIds)
        .execute()
      for (const team of teams) {
        const rows = await openTasks(
          t.database.db,
          actor,
          { kind: 'teams', teamIds: [team.id] },
          parseWorklistQuery({ status: 'overdue' }),
          t.clock.now(),
          { size: 10_000, offset: 0 },
        )
        const onWorklist = rows.filter((r) => ASSESSMENT_CLOCKS.has(r.clockCode)).length
        // The team's overdue assessments on children the manager may not open (a restricted
        // record): counted in the figure, said on the home page, on no list of theirs.
        const due = await t.database.db
          .selectFrom('task')
          .select('child_id')
          .where('assigned_team_id', '=', team.id)
          .where('stopped_at', 'is', null)
          .where('due_at', '<', t.clock.now())
          .where('clock_code', 'in', [...ASSESSMENT_CLOCKS])
          .execute()
        const visible = await visibleOf(
          t.database.db,
          actor,
          due.map((r) => r.child_id),
          t.clock.now(),
        )
        const hidden = due.filter((r) => !visible.has(r.child_id)).length
        const digest = await computeDigest(
          { db: t.database.db, clock: t.clock, onsCode: 'E06000034' },
          {
            period: collectionYearOf(londonToday(t.clock.now())),
            area: { kind: 'team', name: team.name },
            measureId: 'assessments-overdue',
          },
        )
        const figure = digest.figures.find((f) => f.id === 'assessments-overdue')
        expect(figure?.counts.numerator, `${team.name} in the digest`).toBe(onWorklist + hidden)
        expect(shown.get(team.name), `${username}: ${team.name} on the home page`).toBe(onWorklist + hidden)
        if (hidden > 0) expect(home.body).toContain(`${hidden} of them for`)
        overdueSeen += onWorklist
        hiddenSeen += hidden
      }
    }
    // The demo has overdue assessments to agree on, not only zeros, and one on a restricted record.
    expect(overdueSeen).toBeGreaterThan(0)
    expect(hiddenSeen).toBeGreaterThan(0)
  })
})
