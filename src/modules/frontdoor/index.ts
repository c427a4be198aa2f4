/** The front door: contacts, MASH triage and decisions, referrals. */
import type { ChronologyEvent, HavenModule } from '../../platform/modules.js'
import { AUTHORISATION } from './authorisation.js'
import { frontdoorFigures } from './measure-service.js'
import { measureRoutes } from './measure-routes.js'
import { FRONTDOOR_KPIS } from './measures.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { outOfHoursForTeam } from './out-of-hours-service.js'
import { partnerContactRoutes } from './partner-routes.js'
import { frontdoorRoutes } from './routes.js'
import { frontDoorSummary } from './service.js'
import { frontdoorSubjects } from './subjects.js'

export const frontdoorModule: HavenModule = {
  name: 'frontdoor',
  routes: (deps) => [partnerContactRoutes(deps), frontdoorRoutes(deps), measureRoutes(deps)],
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
    // The managers who authorise front-door decisions (reference/frontdoor/authorisation.json).
    {
      text: 'Decisions to authorise',
      href: '/mash/authorisation',
      order: 25,
      roles: [...AUTHORISATION.authoriserRoles],
      actions: ['contact.decide'],
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
        return summary.queue || summary.allocating || summary.authorising ? summary : null
      },
    },
    {
      // The service manager's figures, below the queues and above their worklist.
      order: 90,
      template: 'modules/frontdoor/views/measures-panel.njk',
      load: (deps, user) => frontdoorFigures(deps, user),
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
      types: ['contact.*', 'referral.*', 'transfer_in.*'],
      summary: (event: ChronologyEvent) => event.summary,
    },
  ],
  clocks: [
    'mash-decision',
    'mash-decision-rag',
    'mash-authorisation',
    'transfer-acceptance',
    'open-case-strategy-discussion',
    'referrer-feedback',
    'operation-encompass',
    'assessment-from-referral-45wd',
  ],
  publishedViews: [
    'frontdoor_open_involvement',
    'frontdoor_contact_child_v',
    'frontdoor_transfer_in_v',
    'frontdoor_out_of_hours_v',
    'frontdoor_referral_v',
    'frontdoor_social_worker_episode_v',
  ],
  measures: FRONTDOOR_KPIS,
  // A contact's decision clocks are done on its triage page (or taken into the open case there).
  // A referral's next step is done by the allocated worker, whom the referral page is not for.
  taskPages: { contact: (id) => `/contacts/children/${id}` },
}
