/**
 * The child and family assessment (issue 14): started from a referral, written section by section
 * on a task list (the child seen, their wishes and feelings, the DfE's factors and primary need,
 * the analysis and outcome, with the family's prior involvement pulled together), sent to a
 * manager through the platform's sign-off step and authorised within 45 working days of the
 * referral. An unborn child's is a pre-birth assessment, and an unborn child whose family is known to
 * social care is prompted for one on their record. `assessment_v` is its read contract (the CIN
 * census reads it).
 */
import kpis from '../../../reference/kpis/assessment.json' with { type: 'json' }
import { parseKpiCatalogue } from '../../platform/measures.js'
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { ASSESSMENT_CLOCK, ASSESSMENT_SUBJECT } from './model.js'
import { prebirthPromptFor } from './prebirth-service.js'
import { assessmentRoutes } from './routes.js'
import { recordPanel, rights, startContext } from './service.js'
import { assessmentSubjects } from './subjects.js'

export const assessmentModule: HavenModule = {
  name: 'assessment',
  routes: (deps) => [assessmentRoutes(deps)],
  subjects: assessmentSubjects,
  navigation: [],
  homePanels: [],
  recordPanels: [
    // On an unborn child's record, first among the panels: consider a pre-birth assessment.
    {
      order: 5,
      template: 'modules/assessment/views/prebirth-panel.njk',
      async load(deps, user, child, audit) {
        if (user.role === 'partner_practitioner') return null
        const prompt = await prebirthPromptFor(deps, user, child.childId, audit)
        if (!prompt) return null
        const { open } = await startContext(deps, child.childId)
        return { prompt, canStart: open.length > 0 && rights(user, child, deps.clock.now()).canWrite }
      },
    },
    {
      order: 20,
      template: 'modules/assessment/views/record-panel.njk',
      async load(deps, user, child, audit) {
        const now = deps.clock.now()
        if (user.role === 'partner_practitioner') return null
        return { ...(await recordPanel(deps, user, child.childId, audit)), ...rights(user, child, now) }
      },
    },
  ],
  chronology: [{ types: ['assessment.*'], summary: (event: ChronologyEvent) => event.summary }],
  clocks: [ASSESSMENT_CLOCK],
  publishedViews: [
    'assessment_v',
    'assessment_visit_measure_v',
    'assessment_visit_child_v',
    'assessment_child_seen_v',
  ],
  measures: parseKpiCatalogue(kpis),
  // The assessment's own clock's task, and its sign-off's (platform/signoff names the subject).
  taskPages: {
    [ASSESSMENT_SUBJECT]: (assessmentId) => `/assessments/${assessmentId}`,
  },
}
