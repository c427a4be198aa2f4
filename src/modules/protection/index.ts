/**
 * Child protection: strategy discussions, section 47 enquiries, child protection conferences
 * (initial, review, transfer-in; shared by brothers and sisters) and CP plans with their actions,
 * core groups, visits and reviews (issue 14); child in need plans with their actions, visits,
 * reviews and coded closure (issue 15).
 */
import kpis from '../../../reference/kpis/protection.json' with { type: 'json' }
import { parseKpiCatalogue } from '../../platform/measures.js'
import { londonDate } from '../../platform/calendar/dates.js'
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { allow } from '../../platform/permissions/allow.js'
import {
  CIN_ACTION_CLOCK,
  CIN_ACTION_SUBJECT,
  CIN_PLAN_CLOCKS,
  CIN_PLAN_SUBJECT,
  CLOSURE_REASONS,
} from './cin-plan-model.js'
import { cinPlanRoutes } from './cin-plan-routes.js'
import { cinPlanPanel, cinPlanSources } from './cin-plan-service.js'
import { cinPlanSubjects } from './cin-plan-subjects.js'
import { CASE_CLOSED_EVENT, CASE_CLOSURE_SUBJECT, SOCIAL_CARE_CLOSURE_REASONS } from './closure-model.js'
import { closureRoutes } from './closure-routes.js'
import { closureState } from './closure-service.js'
import { closureSubjects } from './closure-subjects.js'
import { conferenceRoutes } from './conference-routes.js'
import { labelOf } from './model.js'
import { ACTION_CLOCK, ACTION_SUBJECT, END_REASONS, PLAN_CLOCKS, PLAN_SUBJECT } from './plan-model.js'
import { planRoutes } from './plan-routes.js'
import { planPanel } from './plan-service.js'
import { planSubjects } from './plan-subjects.js'
import { reviewRoutes } from './review-routes.js'
import { protectionRoutes } from './routes.js'
import { S47_CLOCK, S47_SUBJECT } from './s47-model.js'
import { s47Routes } from './s47-routes.js'
import { protectionSubjects } from './subjects.js'
import { TRANSFER_IN_CLOCK, TRANSFER_IN_SUBJECT } from './transfer-model.js'
import { transferRoutes, transferSubjects } from './transfer-routes.js'
import { transfersPanel } from './transfer-service.js'

export const protectionModule: HavenModule = {
  name: 'protection',
  routes: (deps) => [
    protectionRoutes(deps),
    s47Routes(deps),
    conferenceRoutes(deps),
    planRoutes(deps),
    reviewRoutes(deps),
    transferRoutes(deps),
    cinPlanRoutes(deps),
    closureRoutes(deps),
  ],
  subjects: {
    ...protectionSubjects,
    ...planSubjects,
    ...transferSubjects,
    ...cinPlanSubjects,
    ...closureSubjects,
  },
  navigation: [],
  homePanels: [],
  recordPanels: [
    {
      order: 20,
      template: 'modules/protection/views/plan-panel.njk',
      // The record page has checked and audited the reader's view of the child.
      async load(deps, _user, child) {
        const plans = await planPanel(deps, child.childId)
        if (!plans.length) return null
        return {
          plans: plans.map(({ reviewDueAt, ...p }) => ({
            ...p,
            endReasonText: labelOf(END_REASONS, p.end_reason) ?? p.end_reason,
            reviewDueOn: reviewDueAt ? londonDate(reviewDueAt.getTime()) : null,
          })),
        }
      },
    },
    {
      order: 22,
      template: 'modules/protection/views/cin-plan-panel.njk',
      // The child's CIN plans, and the way to start one when something waits for a plan and the
      // child is on none.
      async load(deps, user, child) {
        const plans = await cinPlanPanel(deps, child.childId)
        const canStart =
          !plans.some((p) => p.end_date === null) &&
          allow(user, 'child.edit', child, deps.clock.now()).allowed &&
          (await cinPlanSources(deps, child.childId)).length > 0
        if (!plans.length && !canStart) return null
        return {
          childId: child.childId,
          canStart,
          plans: plans.map(({ review_due_at, ...p }) => ({
            ...p,
            endReasonText: p.end_reason
              ? `${p.end_reason}: ${labelOf(CLOSURE_REASONS, p.end_reason) ?? ''}`
              : null,
            reviewDueOn: review_due_at ? londonDate(new Date(review_due_at).getTime()) : null,
          })),
        }
      },
    },
    {
      order: 23,
      template: 'modules/protection/views/closure-panel.njk',
      // The case's closure: the way to close it for whoever may change the record while it is
      // open, what waits for a manager, and when and why it closed.
      async load(deps, user, child) {
        const state = await closureState(deps, child.childId)
        const closed = state.closures.find((c) => c.status === 'authorised' && state.referral === null)
        if (!state.referral && !closed) return null
        const mayEdit = allow(user, 'child.edit', child, deps.clock.now()).allowed
        const reasonText = (code: string) =>
          `${code}: ${SOCIAL_CARE_CLOSURE_REASONS.find((r) => r.code === code)?.label ?? ''}`
        return {
          childId: child.childId,
          closed: closed ? { ...closed, reasonText: reasonText(closed.reason_code) } : null,
          awaiting: state.awaiting,
          returned: state.latest?.status === 'returned' ? state.latest : null,
          canClose: mayEdit && state.referral !== null && !state.awaiting && state.blockers.length === 0,
          blockers: mayEdit && state.referral !== null && !state.awaiting ? state.blockers : [],
        }
      },
    },
    {
      order: 21,
      template: 'modules/protection/views/transfer-panel.njk',
      // Transfers in and out, and the way to record one for a child whose record the reader may change.
      async load(deps, user, child) {
        const { ins, outs } = await transfersPanel(deps, child.childId)
        const canRecord = allow(user, 'child.edit', child, deps.clock.now()).allowed
        return ins.length || outs.length || canRecord
          ? { ins, outs, canRecord, childId: child.childId }
          : null
      },
    },
  ],
  // Each event's line is written when it is recorded.
  chronology: [
    {
      types: [
        'strategy_discussion.*',
        's47.*',
        'conference.*',
        'icpc.*',
        'cp_plan.*',
        'cp_review.*',
        'cp_action.*',
        'core_group.*',
        'cp_visit.*',
        'cp_transfer_in.*',
        'cp_transfer_out.*',
        'cin_plan.*',
        'cin_action.*',
        'cin_visit.*',
        'cin_review.*',
        'case_closure.*',
        CASE_CLOSED_EVENT,
      ],
      summary: (event: ChronologyEvent) => event.summary,
      // The multi-agency meetings held: the chronology warns when a child has had none for weeks.
      meetingTypes: [
        'strategy_discussion.held',
        'icpc.held',
        'conference.held',
        'cp_review.held',
        'cp_transfer_in.conference_held',
        'core_group.held',
        'cin_review.held',
      ],
      // Recorded for a day (the plan's dates, a review or core group held on a date): placed at the
      // day's start, or a plan's end at its close, for the clocks; shown with the date alone.
      datedTypes: [
        'cp_plan.started',
        'cp_plan.ended',
        'cp_review.held',
        'cp_action.closed',
        'core_group.held',
        'cp_transfer_in.notified',
        'cp_transfer_out.recorded',
        'cp_transfer_out.conference_held',
        'cin_plan.started',
        'cin_plan.ended',
        'cin_review.held',
        'cin_action.closed',
      ],
    },
  ],
  clocks: [
    'strategy-discussion-24h',
    S47_CLOCK,
    ...PLAN_CLOCKS,
    ACTION_CLOCK,
    TRANSFER_IN_CLOCK,
    ...CIN_PLAN_CLOCKS,
    CIN_ACTION_CLOCK,
  ],
  publishedViews: [
    'protection_strategy_discussion_v',
    'protection_s47_v',
    'protection_conference_v',
    'protection_cp_plan_v',
    'protection_cp_review_v',
    'protection_cp_visit_v',
    'protection_transfer_in_v',
    'protection_cin_plan_v',
    'protection_cin_visit_v',
  ],
  measures: parseKpiCatalogue(kpis),
  // Where a task is done, by its subject; a sign-off's task (an S47 outcome, a plan's end) leads
  // to the record waiting for it through the same map (platform/signoff).
  taskPages: {
    [S47_SUBJECT]: (s47Id) => `/s47-enquiries/${s47Id}`,
    [PLAN_SUBJECT]: (planId) => `/cp-plans/${planId}`,
    [ACTION_SUBJECT]: (actionId) => `/cp-plan-actions/${actionId}`,
    [TRANSFER_IN_SUBJECT]: (id) => `/cp-transfers-in/${id}`,
    [CIN_PLAN_SUBJECT]: (planId) => `/cin-plans/${planId}`,
    [CIN_ACTION_SUBJECT]: (actionId) => `/cin-plan-actions/${actionId}`,
    [CASE_CLOSURE_SUBJECT]: (id) => `/case-closures/${id}`,
  },
}
