/** The front door: contacts, MASH triage and decisions, referrals. */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { outOfHoursForTeam } from './out-of-hours-service.js'
import { partnerContactRoutes } from './partner-routes.js'
import { frontdoorRoutes } from './routes.js'
import { frontDoorSummary } from './service.js'
import { frontdoorSubjects } from './subjects.js'

export const frontdoorModule: HavenModule = {
  name: 'frontdoor',
  routes: (deps) => [partnerContactRoutes(deps), frontdoorRoutes(deps)],
  subjects: frontdoorSubjects,
  navigation: [
    // Everyone on the front door, and the managers who decide contacts.
    { text: 'MASH queue', href: '/mash', order: 20, actions: ['contact.triage', 'contact.decide'] },
    {
      text: 'Police notifications',
      href: '/contacts/police-notifications',
      order: 30,
      actions: ['contact.decide'],
    },
    // Partners' contacts go through their own form; the authority's staff record them at the MASH.
    {
      text: 'Your contacts',
      href: '/partner/contacts',
      order: 40,
      roles: ['partner_practitioner'],
      actions: ['contact.submit'],
    },
    { text: 'Referrals', href: '/referrals', order: 60, actions: ['child.allocate'] },
    { text: 'Out of hours', href: '/out-of-hours', order: 25, actions: ['out_of_hours.record'] },
  ],
  homePanels: [
    {
      order: 10,
      template: 'modules/frontdoor/views/home-panel.njk',
      async load({ db, clock }, user) {
        const summary = await frontDoorSummary(db, user, clock)
        return summary.queue || summary.allocating ? summary : null
      },
    },
    {
      order: 11,
      template: 'modules/frontdoor/views/out-of-hours-home.njk',
      async load({ db, clock }, user) {
        if (!roleGrants(user.role, 'out_of_hours.record')) return null
        const rows = await outOfHoursForTeam({ db, clock }, user)
        return { awaiting: rows.filter((r) => r.contact_id === null).length }
      },
    },
  ],
  // Each event's line is written when it is recorded, in the front door's words.
  chronology: [
    {
      types: ['contact.*', 'referral.*', 'strategy_discussion.*', 'transfer_in.*'],
      summary: (event: ChronologyEvent) => event.summary,
    },
  ],
  clocks: [
    'mash-decision',
    'mash-decision-rag',
    'strategy-discussion-24h',
    'assessment-from-referral-45wd',
    'transfer-in-conference-15wd',
  ],
  publishedViews: ['frontdoor_open_involvement', 'frontdoor_contact_child_v'],
  measures: [],
}
