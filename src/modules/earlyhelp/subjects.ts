/**
 * Early help's route subjects. An episode is about one child and open to whoever may see that
 * child (the lead professional through their grant, the early help team through its allocation),
 * so the platform checks and audits the child before the handler runs; who may record or
 * allocate is the service's rule. A front door decision of early help waiting for an episode is
 * not yet any early help team's to open through the child's record: its own rule decides (the
 * manager of an early help team takes it up); so is a social care closure stepping down to early
 * help, whose child's case has just closed.
 */
import type { Decision } from '../../platform/permissions/allow.js'
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { episodeChild, frontDoorDecision } from './store.js'
import { takesFrontDoor } from './service.js'
import { stepDown } from './step-store.js'

/** Taking up what another service hands to early help is an early help team manager's. */
const earlyHelpManager =
  (db: Parameters<typeof takesFrontDoor>[0], refused: string) =>
  async (actor: Parameters<typeof takesFrontDoor>[1]): Promise<Decision> =>
    (await takesFrontDoor(db, actor)).length > 0
      ? { allowed: true, basis: 'early_help_team_manager', reason: 'You manage an early help team.' }
      : { allowed: false, basis: null, reason: refused }

export const earlyHelpSubjects: SubjectKinds = {
  eh_episode: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await episodeChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'eh_episode', recordId: ids.id as number, childIds: [childId] }
    },
  },
  eh_front_door: {
    params: { id: 'id' },
    async load(db, ids) {
      const row = await frontDoorDecision(db, ids.id as number)
      if (!row || row.child_id === null || row.contact_deleted_at !== null) return null
      return {
        recordType: 'contact_child',
        recordId: row.id,
        childIds: [],
        aboutChild: row.child_id,
        decide: earlyHelpManager(
          db,
          'The front door’s early help decisions are taken up by early help team managers.',
        ),
      }
    },
  },
  eh_step_down: {
    params: { id: 'id' },
    async load(db, ids) {
      const row = await stepDown(db, ids.id as number)
      if (!row) return null
      return {
        recordType: 'case_closure',
        recordId: row.closure_id,
        childIds: [],
        aboutChild: row.child_id,
        decide: earlyHelpManager(db, 'Step-downs to early help are taken up by early help team managers.'),
      }
    },
  },
}
