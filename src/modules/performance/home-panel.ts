/**
 * A team manager's home page: the assessments overdue in each team they manage, which is the
 * digest's `assessments-overdue` figure for that team, computed by the digest's own query (the
 * worklist's tasks by the team they are assigned to), so the home page, the worklist and the
 * digest give one number. Overdue work on children the manager may not open (a restricted record)
 * is counted and said to be off their list. Figures only: no child is named, so nothing is
 * audited here.
 */
import { NotFoundError } from '../../platform/http/errors.js'
import type { HomePanel } from '../../platform/modules.js'
import { snapshotNow } from './digest.js'
import { teamsNamed } from './digest-store.js'
import { collectionYearOf } from './model.js'
import { digestHref } from './pages.js'
import { londonToday } from '../../platform/calendar/dates.js'

export const ASSESSMENTS_OVERDUE = 'assessments-overdue'

export const TEAM_MEASURES_PANEL: HomePanel = {
  order: 44,
  template: 'modules/performance/views/team-measures-panel.njk',
  async load(deps, user) {
    if (user.role !== 'team_manager' || user.managedTeamIds.length === 0) return null
    const digest = { db: deps.db, clock: deps.clock, onsCode: deps.config.returns.authorityOnsCode }
    const period = collectionYearOf(londonToday(deps.clock.now()))
    const teams = []
    for (const name of await teamsNamed(deps.db, user.managedTeamIds)) {
      const area = { kind: 'team' as const, name }
      const counts = await snapshotNow(digest, user, ASSESSMENTS_OVERDUE, area).catch((err: unknown) => {
        // A catalogue without the measure (not loaded, or withdrawn): the home page goes on without it.
        if (err instanceof NotFoundError) return null
        throw err
      })
      if (counts === null) return null
      teams.push({
        name,
        overdue: counts.numerator,
        notListed: counts.numerator - counts.visible,
        open: counts.units,
        href: digestHref('/performance/digest/measure', { period, area }, { measure: ASSESSMENTS_OVERDUE }),
      })
    }
    return { teams }
  },
}
