/** Child protection: strategy discussions and child protection plans; section 47 enquiries and conferences follow (issue 14). */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { ACTION_CLOCK, ACTION_SUBJECT, PLAN_CLOCKS, PLAN_SUBJECT } from './plan-model.js'
import { planRoutes } from './plan-routes.js'
import { planPanel } from './plan-service.js'
import { planSubjects } from './plan-subjects.js'
import { protectionRoutes } from './routes.js'
import { protectionSubjects } from './subjects.js'

export const protectionModule: HavenModule = {
  name: 'protection',
  routes: (deps) => [protectionRoutes(deps), planRoutes(deps)],
  subjects: { ...protectionSubjects, ...planSubjects },
  navigation: [],
  homePanels: [],
  recordPanels: [
    {
      order: 20,
      template: 'modules/protection/views/plan-panel.njk',
      // The record page has checked and audited the reader's view of the child.
      async load(deps, _user, child) {
        const plans = await planPanel(deps, child.childId)
        return plans.length ? { plans } : null
      },
    },
  ],
  // Each event's line is written when it is recorded.
  chronology: [
    {
      types: [
        'strategy_discussion.*',
        'cp_plan.*',
        'cp_review.*',
        'cp_action.*',
        'core_group.*',
        'cp_visit.*',
      ],
      summary: (event: ChronologyEvent) => event.summary,
    },
  ],
  clocks: ['strategy-discussion-24h', ...PLAN_CLOCKS, ACTION_CLOCK],
  publishedViews: [
    'protection_strategy_discussion_v',
    'protection_cp_plan_v',
    'protection_cp_review_v',
    'protection_cp_visit_v',
  ],
  measures: [],
  taskPages: {
    [PLAN_SUBJECT]: (planId) => `/cp-plans/${planId}`,
    [ACTION_SUBJECT]: (actionId) => `/cp-plan-actions/${actionId}`,
  },
}
