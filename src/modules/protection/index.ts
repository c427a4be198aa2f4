/** Child protection: strategy discussions, section 47 enquiries and conferences; CP plans follow (issue 14). */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { conferenceRoutes } from './conference-routes.js'
import { protectionRoutes } from './routes.js'
import { S47_CLOCK } from './s47-model.js'
import { s47Routes } from './s47-routes.js'
import { protectionSubjects } from './subjects.js'

export const protectionModule: HavenModule = {
  name: 'protection',
  routes: (deps) => [protectionRoutes(deps), s47Routes(deps), conferenceRoutes(deps)],
  subjects: protectionSubjects,
  navigation: [],
  homePanels: [],
  // Each event's line is written when it is recorded.
  chronology: [
    {
      types: ['strategy_discussion.*', 's47.*', 'conference.*', 'icpc.*', 'cp_review.*'],
      summary: (event: ChronologyEvent) => event.summary,
    },
  ],
  clocks: ['strategy-discussion-24h', S47_CLOCK],
  publishedViews: ['protection_strategy_discussion_v', 'protection_s47_v', 'protection_conference_v'],
  measures: [],
}
