/**
 * Early help (issue 15): an episode of early help for a child, started from the front door's
 * decision or directly by early help, with the family's consent; a lead professional from any
 * agency; the early help assessment; the team around the family, its meetings and attendance,
 * and the alerts they raise; the family plan's objectives, outcome measures and interventions;
 * closing an episode with the shared closure checklist and a manager's sign-off.
 */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { EH_CLOSURE_SUBJECT } from './closure-model.js'
import { earlyHelpClosureRoutes } from './closure-routes.js'
import { withClosures } from './closure-service.js'
import { earlyHelpClosureSubjects } from './closure-subjects.js'
import { ASSESSMENT_CLOCK, EPISODE_SUBJECT, TAF_MEETING_CLOCK } from './model.js'
import { earlyHelpRoutes } from './routes.js'
import { homeFigures, recordPanelData } from './service.js'
import { earlyHelpSubjects } from './subjects.js'

export const earlyHelpModule: HavenModule = {
  name: 'earlyhelp',
  routes: (deps) => [earlyHelpRoutes(deps), earlyHelpClosureRoutes(deps)],
  subjects: { ...earlyHelpSubjects, ...earlyHelpClosureSubjects },
  navigation: [
    {
      text: 'Early help',
      href: '/early-help',
      order: 62,
      roles: ['social_worker', 'team_manager', 'service_manager', 'partner_practitioner'],
    },
  ],
  homePanels: [
    {
      order: 35,
      template: 'modules/earlyhelp/views/home-panel.njk',
      // Figures only (no child is named): the list they link to audits its own read.
      load: (deps, user) => homeFigures(deps, user),
    },
  ],
  recordPanels: [
    {
      order: 45,
      template: 'modules/earlyhelp/views/record-panel.njk',
      // Each episode with its closure waiting, or how it ended.
      load: async (deps, user, child) => withClosures(deps, await recordPanelData(deps, user, child.childId)),
    },
  ],
  // Each line is written when it is recorded; it ends with the lead professional's agency.
  chronology: [
    {
      types: ['earlyhelp.*'],
      summary: (event: ChronologyEvent) => event.summary,
      // Early help is the agency of its own events, whoever leads (each line names the lead
      // professional's agency); the agencies' own words come as their contributions.
      agency: () => 'Early help',
      // A team around the family meeting is a multi-agency meeting (the chronology's drift warning).
      meetingTypes: ['earlyhelp.meeting_held'],
    },
  ],
  clocks: [ASSESSMENT_CLOCK, TAF_MEETING_CLOCK],
  publishedViews: ['earlyhelp_episode_v'],
  measures: [],
  // A closure's sign-off task (platform/signoff) leads to the closure waiting for it.
  taskPages: {
    [EPISODE_SUBJECT]: (episodeId) => `/early-help/${episodeId}`,
    [EH_CLOSURE_SUBJECT]: (closureId) => `/early-help-closures/${closureId}`,
  },
}
