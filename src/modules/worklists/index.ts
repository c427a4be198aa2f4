/**
 * Worklists: the home page by role, the worklist of statutory tasks (with each child's visits),
 * the sign-offs waiting for a manager, caseloads and timeliness.
 */
import type { HavenModule } from '../../platform/modules.js'
import { worklistRoutes } from './routes.js'

export const worklistsModule: HavenModule = {
  name: 'worklists',
  routes: (deps) => [worklistRoutes(deps)],
  navigation: [
    { text: 'Home', href: '/', order: 10 },
    { text: 'Sign-offs', href: '/worklists/sign-offs', order: 65, actions: ['team.view'] },
    { text: 'Team', href: '/team', order: 70, actions: ['team.view'] },
    { text: 'Performance', href: '/performance', order: 80, actions: ['performance.view'] },
  ],
  clocks: [],
  // Its tasks, for measures that count what a worklist lists (assessments overdue).
  publishedViews: ['worklists_task_v'],
  measures: [],
}
