/**
 * Escalation of professional differences (issue 15): a practitioner of any agency who may see a
 * child escalates a decision, or something not done, to a named person; each level of the local
 * safeguarding partnership's protocol is answered within its working days, and a disputed or late
 * answer goes to the next level, on the new recipient's worklist.
 */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { ESCALATION_CLOCK, ESCALATION_SUBJECT } from './model.js'
import { escalationsRoutes } from './routes.js'
import { homeFigures, recordFigures } from './service.js'
import { escalationSubjects } from './subjects.js'

export const escalationsModule: HavenModule = {
  name: 'escalations',
  routes: (deps) => [escalationsRoutes(deps)],
  subjects: escalationSubjects,
  navigation: [],
  homePanels: [
    {
      order: 30,
      template: 'modules/escalations/views/home-panel.njk',
      // Figures only (no child is named): the list they link to audits its own read.
      async load(deps, user) {
        const figures = await homeFigures(deps, user)
        return figures.toAnswer || figures.raised ? figures : null
      },
    },
  ],
  recordPanels: [
    {
      order: 40,
      template: 'modules/escalations/views/record-panel.njk',
      // Anyone who may see the child may raise a professional difference about it, partners too.
      load: (deps, _user, child) => recordFigures(deps, child.childId),
    },
  ],
  // Each event's line is written when it is recorded (the level, the raiser's agency, the due date).
  chronology: [{ types: ['escalation.*'], summary: (event: ChronologyEvent) => event.summary }],
  clocks: [ESCALATION_CLOCK],
  publishedViews: ['escalations_open_v'],
  measures: [],
  taskPages: { [ESCALATION_SUBJECT]: (escalationId) => `/escalations/${escalationId}` },
}
