import { describe, expect, it } from 'vitest'
import { fixedClock } from './calendar/clock.js'
import type { Config } from './config.js'
import type { Db } from './db/database.js'
import { navigationFor, orderNavigation } from './http/navigation.js'
import type { CurrentUser } from './http/request-context.js'
import { moduleContributions, moduleSubjects, type HavenModule, type PlatformDeps } from './modules.js'
import type { Role } from './permissions/roles.js'

const deps: PlatformDeps = { db: {} as Db, config: {} as Config, clock: fixedClock('2026-03-02T09:00:00Z') }
const user = (role: Role): CurrentUser => ({
  id: 1,
  role,
  teamId: null,
  agency: null,
  managedTeamIds: [],
  username: 'a.worker',
  displayName: 'A Worker',
  roleName: role,
})

describe('what modules contribute to each other', () => {
  it('shows home panels in their order across modules, leaving out those with nothing to show', async () => {
    const modules: HavenModule[] = [
      {
        name: 'b',
        homePanels: [
          { order: 20, template: 'b.njk', load: async () => ({ n: 2 }) },
          { order: 5, template: 'empty.njk', load: async () => null },
        ],
      },
      { name: 'a', homePanels: [{ order: 10, template: 'a.njk', load: async (_d, u) => ({ who: u.role }) }] },
    ]
    const shown = await moduleContributions(modules, deps).homePanels(user('social_worker'))
    expect(shown).toEqual([
      { template: 'a.njk', data: { who: 'social_worker' } },
      { template: 'b.njk', data: { n: 2 } },
    ])
  })

  it('shows record panels in their order for the reader and the child, leaving out those with nothing to show', async () => {
    const child = { childId: 7, restricted: false, deleted: false, grants: [], staffLinks: [] }
    const audit = { userId: 1, username: 'social.worker', requestId: 'req-1' }
    const modules: HavenModule[] = [
      {
        name: 'b',
        recordPanels: [
          { order: 20, template: 'b.njk', load: async (_d, _u, c) => ({ child: c.childId }) },
          {
            order: 5,
            template: 'none.njk',
            load: async (_d, u) => (u.role === 'partner_practitioner' ? null : {}),
          },
        ],
      },
    ]
    const contributions = moduleContributions(modules, deps)
    expect(await contributions.recordPanels(user('social_worker'), child, audit)).toEqual([
      { template: 'none.njk', data: {} },
      { template: 'b.njk', data: { child: 7 } },
    ])
    expect(await contributions.recordPanels(user('partner_practitioner'), child, audit)).toEqual([
      { template: 'b.njk', data: { child: 7 } },
    ])
  })

  it('words each event by the module presenting its type, exact types before prefixes; others as recorded', () => {
    const modules: HavenModule[] = [
      { name: 'a', chronology: [{ types: ['contact.*'], summary: (e) => `Contact: ${e.summary}` }] },
      { name: 'b', chronology: [{ types: ['contact.rated'], summary: () => 'Rated' }] },
    ]
    const events = [
      { id: 1, type: 'contact.received', summary: 'from school' },
      { id: 2, type: 'contact.rated', summary: 'red' },
      { id: 3, type: 'contacts.other', summary: 'not under contact.' },
      { id: 4, type: 'assessment.started', summary: 'no presenter' },
    ]
    expect(moduleContributions(modules, deps).presentChronology(events)).toEqual([
      { id: 1, type: 'contact.received', summary: 'Contact: from school', dated: false },
      { id: 2, type: 'contact.rated', summary: 'Rated', dated: false },
      { id: 3, type: 'contacts.other', summary: 'not under contact.', dated: false },
      { id: 4, type: 'assessment.started', summary: 'no presenter', dated: false },
    ])
  })

  it('gives the multi-agency chronology each event’s agency, and a withheld class’s line to a reader who may not see it', () => {
    const modules: HavenModule[] = [
      {
        name: 'a',
        chronology: [
          {
            types: ['address.*'],
            summary: (e) => e.summary,
            withheld: { field: 'confidential_address', summary: () => 'Change of address' },
          },
          { types: ['contact.*'], summary: (e) => e.summary, agency: () => 'Essex Police' },
        ],
      },
    ]
    const events = [
      { type: 'address.added', summary: 'Moved to 4 Orsett Road' },
      { type: 'contact.received', summary: 'Contact from the police' },
      { type: 'other.thing', summary: 'no presenter' },
    ]
    const contributions = moduleContributions(modules, deps)
    expect(contributions.presentForReader(events, [])).toEqual([
      {
        type: 'address.added',
        summary: 'Change of address',
        agency: 'Children’s social care',
        dated: false,
      },
      { type: 'contact.received', summary: 'Contact from the police', agency: 'Essex Police', dated: false },
      { type: 'other.thing', summary: 'no presenter', agency: 'Children’s social care', dated: false },
    ])
    expect(contributions.presentForReader(events, ['confidential_address'])[0]?.summary).toBe(
      'Moved to 4 Orsett Road',
    )
  })

  it('collects the meeting types every module marks, and refuses one its presenter does not present', () => {
    const contributions = moduleContributions(
      [
        {
          name: 'a',
          chronology: [
            { types: ['core_group.*'], summary: (e) => e.summary, meetingTypes: ['core_group.held'] },
          ],
        },
        {
          name: 'b',
          chronology: [
            {
              types: ['taf.*'],
              summary: (e) => e.summary,
              agency: () => 'Early help',
              meetingTypes: ['taf.meeting_held'],
            },
          ],
        },
      ],
      deps,
    )
    expect(contributions.meetingTypes()).toEqual(['core_group.held', 'taf.meeting_held'])
    expect(contributions.agencyOf('taf.meeting_held')).toBe('Early help')
    expect(contributions.agencyOf('core_group.held')).toBe('Children’s social care')
    expect(() =>
      moduleContributions(
        [{ name: 'a', chronology: [{ types: ['x.*'], summary: () => '', meetingTypes: ['y.held'] }] }],
        deps,
      ),
    ).toThrow(/not presented by the module that marks it/)
  })

  it('marks the types a module records for a day, and refuses one its presenter does not present', () => {
    const contributions = moduleContributions(
      [
        {
          name: 'a',
          chronology: [
            { types: ['plan.*'], summary: (e) => e.summary, datedTypes: ['plan.started'] },
            { types: ['visit.held'], summary: (e) => e.summary },
          ],
        },
      ],
      deps,
    )
    const shown = (type: string) => contributions.presentChronology([{ type, summary: '' }])[0]?.dated
    expect([shown('plan.started'), shown('plan.ended'), shown('visit.held'), shown('other.x')]).toEqual([
      true,
      false,
      false,
      false,
    ])
    expect(contributions.presentForReader([{ type: 'plan.started', summary: '' }], [])[0]?.dated).toBe(true)
    expect(() =>
      moduleContributions(
        [
          {
            name: 'a',
            chronology: [
              { types: ['plan.*'], summary: () => '' },
              { types: ['visit.*'], summary: () => '', datedTypes: ['plan.started'] },
            ],
          },
        ],
        deps,
      ),
    ).toThrow(/The dated type "plan.started" is not presented by the module that marks it/)
  })

  it('leads a task to the page its module names, and a sign-off’s task to the page of the record waiting', () => {
    const contributions = moduleContributions(
      [{ name: 'a', taskPages: { assessment: (id) => `/assessments/${id}` } }],
      deps,
    )
    expect(contributions.taskPage('assessment', '12')).toBe('/assessments/12')
    expect(contributions.taskPage('sign_off', 'assessment:12')).toBe('/assessments/12')
    expect(contributions.taskPage('sign_off', 'cp_plan:3')).toBeNull()
    expect(contributions.taskPage('sign_off', 'not-a-record')).toBeNull()
  })

  it('refuses a list where two modules share a name, a clock, an event type or a subject kind', () => {
    const p = { types: ['x.*'], summary: () => '' }
    expect(() => moduleContributions([{ name: 'a' }, { name: 'a' }], deps)).toThrow(/Two modules/)
    expect(() =>
      moduleContributions(
        [
          { name: 'a', clocks: ['mash-decision'] },
          { name: 'b', clocks: ['mash-decision'] },
        ],
        deps,
      ),
    ).toThrow(/claimed by a and b/)
    expect(() =>
      moduleContributions(
        [
          { name: 'a', chronology: [p] },
          { name: 'b', chronology: [p] },
        ],
        deps,
      ),
    ).toThrow(/Two modules present/)
    const kind = { params: {}, load: async () => null }
    expect(() => moduleSubjects([{ name: 'a', subjects: { child: kind } }], { child: kind })).toThrow(
      /described twice/,
    )
  })
})

describe('the service navigation', () => {
  const entries = orderNavigation([
    { text: 'Users', href: '/admin/users', order: 110, actions: ['users.manage'] },
    { text: 'Home', href: '/', order: 10 },
    { text: 'Audit trail', href: '/audit', order: 90, actions: ['audit.view'] },
    { text: 'Access reviews', href: '/audit/access-reviews', order: 100, actions: ['audit.view'] },
    {
      text: 'Your contacts',
      href: '/partner/contacts',
      order: 40,
      roles: ['partner_practitioner'],
      actions: ['contact.submit'],
    },
  ])

  it('shows entries in order, by action and role, with the closest match current', () => {
    expect(navigationFor(entries, user('auditor'), '/audit/access-reviews?page=2')).toEqual([
      { text: 'Home', href: '/', active: false },
      { text: 'Audit trail', href: '/audit', active: false },
      { text: 'Access reviews', href: '/audit/access-reviews', active: true },
    ])
    expect(navigationFor(entries, user('partner_practitioner'), '/').map((e) => e.text)).toEqual([
      'Home',
      'Your contacts',
    ])
    // The role's actions alone do not show an entry kept for another role.
    expect(navigationFor(entries, user('administrator'), '/').map((e) => e.text)).toEqual(['Home', 'Users'])
  })

  it('refuses two entries linking to the same page', () => {
    expect(() =>
      orderNavigation([
        { text: 'A', href: '/a', order: 1 },
        { text: 'B', href: '/a', order: 2 },
      ]),
    ).toThrow(/Two navigation entries/)
  })
})
