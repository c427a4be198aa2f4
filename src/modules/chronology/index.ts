/**
 * The multi-agency chronology (issue 15, its first part): what every agency working with a child
 * adds to one chronology with every module's events, filtered by agency and type and printable,
 * and the cumulative-harm warnings the injury and incident log raises (findings F5, F6 and F24 of
 * the serious case review in seed 001).
 */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { chronologyRoutes } from './routes.js'
import { recordPanel } from './service.js'

export const chronologyModule: HavenModule = {
  name: 'chronology',
  routes: (deps) => [chronologyRoutes(deps)],
  navigation: [],
  homePanels: [],
  recordPanels: [
    {
      order: 5,
      template: 'modules/chronology/views/record-panel.njk',
      // Everyone who opens the record reads the chronology: the warnings are for every agency.
      load: (deps, user, child) => recordPanel(deps, deps.modules, user, child),
    },
  ],
  // A contribution's line names its agency and type when it is added (the page shows the rest);
  // on the multi-agency chronology its own row stands in its place, with its agency.
  chronology: [
    {
      types: ['chronology.*'],
      summary: (event: ChronologyEvent) => event.summary,
    },
  ],
  clocks: [],
  publishedViews: [],
  measures: [],
}
