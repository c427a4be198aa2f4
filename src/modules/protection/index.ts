/** Child protection: strategy discussions first; section 47 enquiries, conferences and plans follow (issue 14). */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { protectionRoutes } from './routes.js'
import { protectionSubjects } from './subjects.js'

export const protectionModule: HavenModule = {
  name: 'protection',
  routes: (deps) => [protectionRoutes(deps)],
  subjects: protectionSubjects,
  navigation: [],
  homePanels: [],
  // Each event's line is written when it is recorded.
  chronology: [{ types: ['strategy_discussion.*'], summary: (event: ChronologyEvent) => event.summary }],
  clocks: ['strategy-discussion-24h'],
  publishedViews: ['protection_strategy_discussion_v'],
  measures: [],
}
