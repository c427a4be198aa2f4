/**
 * People: children and the adults around them, their records, restrictions and merges, and the
 * agencies, teams and staff who work with them.
 */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { peopleAdminRoutes } from './admin-routes.js'
import { peopleAdminSubjects } from './admin-subjects.js'
import { restrictionReviewSummary } from './restriction-service.js'
import { peopleRoutes } from './routes.js'
import { peopleSubjects } from './subjects.js'

export const peopleModule: HavenModule = {
  name: 'people',
  routes: (deps) => [peopleRoutes(deps), peopleAdminRoutes(deps)],
  subjects: { ...peopleSubjects, ...peopleAdminSubjects },
  navigation: [{ text: 'Search', href: '/people/search', order: 50, actions: ['child.search'] }],
  adminSections: [
    { key: 'teams', href: '/admin/teams', text: 'Teams', order: 40 },
    { key: 'agencies', href: '/admin/agencies', text: 'Partner agencies', order: 50 },
    { key: 'merge', href: '/admin/people/merge', text: 'Merge duplicate records', order: 60 },
    { key: 'merges', href: '/admin/people/merges', text: 'Merged records', order: 70 },
  ],
  homePanels: [
    {
      order: 20,
      template: 'modules/people/views/home-panel.njk',
      async load({ db, clock }, user) {
        const reviews = await restrictionReviewSummary(db, user, clock.now())
        return reviews?.total ? reviews : null
      },
    },
  ],
  // Each event's line is written when it is recorded; a confidential address is worded without
  // the address by the record service, before the chronology shows it.
  chronology: [
    {
      types: ['person.*', 'name.*', 'relationship.*', 'alert.*', 'restriction.*'],
      summary: (event: ChronologyEvent) => event.summary,
    },
    {
      types: ['address.*'],
      summary: (event: ChronologyEvent) => event.summary,
      // The multi-agency chronology cannot tell which address was later made confidential: a
      // reader who may not see confidential addresses reads that the address changed, not where.
      withheld: { field: 'confidential_address', summary: () => 'Change of address' },
    },
  ],
  clocks: [],
  publishedViews: [
    'people_person_v',
    'people_relationship_v',
    'people_current_address_v',
    'people_return_person_v',
    'people_sibling_v',
  ],
  measures: [],
}
