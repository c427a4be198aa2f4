import { describe, expect, it } from 'vitest'
import { allow, canEditChild, canViewChild, type AccessGrant, type Actor, type ChildRecord } from './allow.js'
import {
  ACTIONS,
  CHILD_ACTIONS,
  ROLES,
  roleGrants,
  type Action,
  type ChildAction,
  type Role,
} from './roles.js'

const NOW = new Date('2026-03-31T12:00:00Z')
const LATER = new Date('2026-04-30T12:00:00Z')
const EARLIER = new Date('2026-03-01T12:00:00Z')

const ME = 1
const MY_TEAM = 10
const TEAM_I_MANAGE = 20

function actor(role: Role): Actor {
  return {
    id: ME,
    role,
    teamId: MY_TEAM,
    agency: role === 'partner_practitioner' ? 'police' : null,
    managedTeamIds: [TEAM_I_MANAGE],
  }
}

function grant(over: Partial<AccessGrant> & Pick<AccessGrant, 'basis'>): AccessGrant {
  return { userId: null, teamId: null, expiresAt: null, revokedAt: null, ...over }
}

/** The child's `child_access` rows that put the actor in each relationship. */
const FIXTURES = {
  none: [grant({ userId: 99, basis: 'allocated_worker' }), grant({ teamId: 77, basis: 'allocated_team' })],
  allocated_worker: [grant({ userId: ME, basis: 'allocated_worker' })],
  allocated_team: [grant({ teamId: MY_TEAM, basis: 'allocated_team' })],
  team_manager: [grant({ teamId: TEAM_I_MANAGE, basis: 'allocated_team' })],
  process_participant: [grant({ userId: ME, basis: 'process_participant', expiresAt: LATER })],
  agency_lead: [grant({ userId: ME, basis: 'agency_lead' })],
  break_glass: [grant({ userId: ME, basis: 'break_glass', expiresAt: LATER })],
  restriction_grant: [grant({ userId: ME, basis: 'restriction_grant', expiresAt: LATER })],
  independent_reviewing_officer: [grant({ userId: ME, basis: 'independent_reviewing_officer' })],
  placement_carer: [grant({ userId: ME, basis: 'placement_carer' })],
} satisfies Record<string, AccessGrant[]>
type Fixture = keyof typeof FIXTURES

function child(grants: AccessGrant[], restricted = false, deleted = false): ChildRecord {
  return { childId: 5, restricted, deleted, grants, staffLinks: [] }
}

/**
 * The matrix, written out by hand: for each role and relationship, the child actions allowed on
 * an ordinary record / on a restricted record (v = view, p = the placement plan, e = edit,
 * a = allocate; - = nothing).
 * Standing access (front door, service oversight) comes with the role, so it shows in every row.
 */
const EXPECTED: Record<Role, Record<Fixture, string>> = {
  front_door_screener: {
    none: 'vp/-',
    allocated_worker: 'vp/vp',
    allocated_team: 'vp/-',
    team_manager: 'vp/-',
    process_participant: 'vp/-',
    agency_lead: 'vp/-',
    break_glass: 'vp/vp',
    restriction_grant: 'vp/vp',
    independent_reviewing_officer: 'vp/-',
    placement_carer: 'vp/-',
  },
  mash_social_worker: {
    none: 'vp/-',
    allocated_worker: 'vpe/vpe',
    allocated_team: 'vpe/-',
    team_manager: 'vp/-',
    process_participant: 'vp/-',
    agency_lead: 'vp/-',
    break_glass: 'vp/vp',
    restriction_grant: 'vpe/vpe',
    independent_reviewing_officer: 'vp/-',
    placement_carer: 'vp/-',
  },
  social_worker: {
    none: '-/-',
    allocated_worker: 'vpe/vpe',
    allocated_team: 'vpe/-',
    team_manager: '-/-',
    process_participant: 'vp/-',
    agency_lead: '-/-',
    break_glass: 'vp/vp',
    restriction_grant: 'vpe/vpe',
    independent_reviewing_officer: '-/-',
    placement_carer: '-/-',
  },
  team_manager: {
    none: '-/-',
    allocated_worker: 'vpe/vpe',
    allocated_team: 'vpe/-',
    team_manager: 'vpea/-',
    process_participant: 'vp/-',
    agency_lead: '-/-',
    break_glass: 'vp/vp',
    restriction_grant: 'vpe/vpe',
    independent_reviewing_officer: '-/-',
    placement_carer: '-/-',
  },
  service_manager: {
    none: 'vpa/-',
    allocated_worker: 'vpea/vpe',
    allocated_team: 'vpa/-',
    team_manager: 'vpea/-',
    process_participant: 'vpa/-',
    agency_lead: 'vpa/-',
    break_glass: 'vpa/vp',
    restriction_grant: 'vpea/vpe',
    independent_reviewing_officer: 'vpa/-',
    placement_carer: 'vpa/-',
  },
  partner_practitioner: {
    none: '-/-',
    allocated_worker: '-/-',
    allocated_team: '-/-',
    team_manager: '-/-',
    process_participant: 'vp/-',
    agency_lead: 'vp/-',
    break_glass: '-/-',
    restriction_grant: 'vp/vp',
    independent_reviewing_officer: '-/-',
    placement_carer: '-/-',
  },
  performance_officer: nothing(),
  administrator: nothing(),
  auditor: nothing(),
  emergency_duty_worker: nothing(),
  // Only the children allocated to them, restricted or not, and restricted-record grants.
  independent_reviewing_officer: {
    ...nothing(),
    restriction_grant: 'vpe/vpe',
    independent_reviewing_officer: 'vpe/vpe',
  },
  // The placement plan of the children placed with them, restricted or not, and nothing else.
  carer: { ...nothing(), placement_carer: 'p/p' },
}

function nothing(): Record<Fixture, string> {
  return {
    none: '-/-',
    allocated_worker: '-/-',
    allocated_team: '-/-',
    team_manager: '-/-',
    process_participant: '-/-',
    agency_lead: '-/-',
    break_glass: '-/-',
    restriction_grant: '-/-',
    independent_reviewing_officer: '-/-',
    placement_carer: '-/-',
  }
}

const LETTER: Record<ChildAction, string> = {
  'child.view': 'v',
  'child.placement_plan.view': 'p',
  'child.edit': 'e',
  'child.allocate': 'a',
}

/** The actions that are not about one child, by role, written out by hand. */
const SERVICE_ACTIONS: Record<Role, Action[]> = {
  front_door_screener: ['child.search', 'child.create', 'contact.submit', 'contact.triage', 'worklist.view'],
  mash_social_worker: [
    'child.search',
    'child.create',
    'contact.submit',
    'contact.triage',
    'contact.decide',
    'worklist.view',
  ],
  social_worker: ['child.search', 'child.create', 'contact.submit', 'worklist.view'],
  team_manager: [
    'child.search',
    'child.create',
    'contact.submit',
    'contact.triage',
    'contact.decide',
    'worklist.view',
    'team.view',
    'performance.view',
  ],
  service_manager: [
    'child.search',
    'child.create',
    'contact.submit',
    'contact.decide',
    'worklist.view',
    'team.view',
    'performance.view',
  ],
  partner_practitioner: ['contact.submit'],
  performance_officer: ['performance.view', 'returns.validate'],
  administrator: ['users.manage', 'people.merge', 'agencies.manage'],
  auditor: ['audit.view'],
  emergency_duty_worker: ['out_of_hours.record', 'worklist.view'],
  independent_reviewing_officer: ['child.search', 'worklist.view'],
  carer: [],
}

const fixtures = Object.keys(FIXTURES) as Fixture[]
const cells = ROLES.flatMap((role) =>
  fixtures.flatMap((fixture) =>
    [false, true].flatMap((restricted) =>
      CHILD_ACTIONS.map((action) => {
        const [open = '', closed = ''] = EXPECTED[role][fixture].split('/')
        const allowed = (restricted ? closed : open).includes(LETTER[action])
        return { role, fixture, restricted, action, allowed }
      }),
    ),
  ),
)

describe('the permission matrix: role × relationship × restriction × child action', () => {
  it('has every cell, both allowed and denied', () => {
    expect(cells).toHaveLength(ROLES.length * fixtures.length * 2 * CHILD_ACTIONS.length)
    expect(cells.filter((c) => c.allowed).length).toBeGreaterThan(50)
    expect(cells.filter((c) => !c.allowed).length).toBeGreaterThan(50)
  })

  it.each(cells)('$role, $fixture, restricted $restricted: $action → $allowed', (c) => {
    const decision = allow(actor(c.role), c.action, child(FIXTURES[c.fixture], c.restricted), NOW)
    expect(decision.allowed).toBe(c.allowed)
    if (c.allowed) expect(decision.basis).not.toBeNull()
    else expect(decision.basis).toBeNull()
    expect(decision.reason.length).toBeGreaterThan(10)
  })

  it.each(cells)('$role, $fixture, restricted $restricted, deleted: $action → denied', (c) => {
    const decision = allow(actor(c.role), c.action, child(FIXTURES[c.fixture], c.restricted, true), NOW)
    expect(decision).toMatchObject({ allowed: false, basis: null })
    // The role is asked first, so a deleted record's existence is only told to those whose role could see it.
    expect(decision.reason).toMatch(roleGrants(c.role, c.action) ? /deleted/ : /Your role/)
  })
})

describe('actions that are not about one child', () => {
  const serviceCells = ROLES.flatMap((role) =>
    ACTIONS.filter((a) => !(CHILD_ACTIONS as readonly Action[]).includes(a)).map((action) => ({
      role,
      action,
      allowed: SERVICE_ACTIONS[role].includes(action),
    })),
  )

  it.each(serviceCells)('$role: $action → $allowed', ({ role, action, allowed }) => {
    const decision = allow(actor(role), action, null, NOW)
    expect(decision.allowed).toBe(allowed)
    expect(decision.basis).toBeNull()
  })

  it.each(ROLES.flatMap((role) => CHILD_ACTIONS.map((action) => ({ role, action }))))(
    '$role: $action with no child → denied',
    ({ role, action }) => {
      expect(allow(actor(role), action, null, NOW).allowed).toBe(false)
    },
  )

  it.each(serviceCells)(
    '$role: $action naming a restricted child they have no link to → allowed only for oversight',
    ({ role, action, allowed }) => {
      const oversight = [
        'audit.view',
        'users.manage',
        'people.merge',
        'agencies.manage',
        'performance.view',
        'returns.validate',
      ].includes(action)
      const decision = allow(actor(role), action, child(FIXTURES.none, true), NOW)
      expect(decision.allowed).toBe(allowed && oversight)
    },
  )

  it('an auditor can ask who looked at a restricted or deleted record, but cannot open it', () => {
    const auditor = actor('auditor')
    const sealed = child(FIXTURES.none, true, true)
    expect(allow(auditor, 'audit.view', sealed, NOW)).toMatchObject({ allowed: true, basis: null })
    expect(allow(auditor, 'child.view', sealed, NOW).allowed).toBe(false)
    expect(allow(actor('social_worker'), 'audit.view', sealed, NOW).allowed).toBe(false)
  })

  it('needs what viewing needs when the action touches a child', () => {
    const screener = actor('front_door_screener')
    const ordinary = child(FIXTURES.none)
    expect(allow(screener, 'contact.triage', ordinary, NOW)).toMatchObject({
      allowed: true,
      basis: 'front_door',
    })
    expect(allow(screener, 'contact.triage', child(FIXTURES.none, true), NOW).allowed).toBe(false)
    expect(allow(screener, 'contact.triage', child(FIXTURES.none, false, true), NOW).allowed).toBe(false)
    // …and still needs the role.
    expect(
      allow(actor('social_worker'), 'contact.triage', child(FIXTURES.allocated_worker), NOW).allowed,
    ).toBe(false)
  })
})

describe('grants that count for nothing', () => {
  const worker = actor('social_worker')
  const mine = (over: Partial<AccessGrant>): ChildRecord =>
    child([grant({ userId: ME, basis: 'allocated_worker', ...over })])

  it('an expired grant', () => {
    expect(allow(worker, 'child.view', mine({ expiresAt: LATER }), NOW).allowed).toBe(true)
    expect(allow(worker, 'child.view', mine({ expiresAt: EARLIER }), NOW).allowed).toBe(false)
  })

  it('a grant expiring at this very moment', () => {
    expect(allow(worker, 'child.view', mine({ expiresAt: new Date(NOW.getTime() + 1) }), NOW).allowed).toBe(
      true,
    )
    expect(allow(worker, 'child.view', mine({ expiresAt: NOW }), NOW).allowed).toBe(false)
  })

  it('a revoked grant, whatever time the revocation carries', () => {
    expect(allow(worker, 'child.view', mine({ revokedAt: null }), NOW).allowed).toBe(true)
    expect(allow(worker, 'child.view', mine({ revokedAt: EARLIER }), NOW).allowed).toBe(false)
    expect(allow(worker, 'child.view', mine({ revokedAt: LATER }), NOW).allowed).toBe(false)
  })

  it('a grant to someone else, or to a team the actor neither belongs to nor manages', () => {
    expect(
      allow(worker, 'child.view', child([grant({ userId: 2, basis: 'allocated_worker' })]), NOW).allowed,
    ).toBe(false)
    expect(
      allow(worker, 'child.view', child([grant({ teamId: 30, basis: 'allocated_team' })]), NOW).allowed,
    ).toBe(false)
    expect(
      allow(worker, 'child.view', child([grant({ teamId: MY_TEAM, basis: 'allocated_team' })]), NOW).allowed,
    ).toBe(true)
  })

  it('a team allocation given to a person, and a personal grant given to a team', () => {
    const onUser = child([grant({ userId: ME, basis: 'allocated_team' })])
    expect(allow(worker, 'child.view', onUser, NOW).allowed).toBe(false)
    const pairs: [Role, string][] = [
      ['social_worker', 'break_glass'],
      ['social_worker', 'restriction_grant'],
      ['social_worker', 'process_participant'],
      ['partner_practitioner', 'agency_lead'],
    ]
    for (const [role, basis] of pairs) {
      const onTeam = child([grant({ teamId: MY_TEAM, basis })])
      expect(allow(actor(role), 'child.view', onTeam, NOW).allowed).toBe(false)
      expect(allow(actor(role), 'child.view', child([grant({ userId: ME, basis })]), NOW).allowed).toBe(true)
    }
  })

  it('an unknown basis', () => {
    expect(
      allow(worker, 'child.view', child([grant({ userId: ME, basis: 'friend_of_the_family' })]), NOW).allowed,
    ).toBe(false)
  })

  it('a team manager with no managed teams gains nothing from a team allocation', () => {
    const manager: Actor = { ...actor('team_manager'), managedTeamIds: [] }
    expect(allow(manager, 'child.allocate', child(FIXTURES.team_manager), NOW).allowed).toBe(false)
    expect(allow(actor('team_manager'), 'child.allocate', child(FIXTURES.team_manager), NOW).allowed).toBe(
      true,
    )
  })
})

describe('the basis recorded for the audit trail', () => {
  it('prefers the closest relationship, and break-glass only when nothing else applies', () => {
    const manager = actor('team_manager')
    const both = child([...FIXTURES.team_manager, ...FIXTURES.allocated_team, ...FIXTURES.break_glass])
    expect(allow(manager, 'child.view', both, NOW).basis).toBe('team_manager')
    expect(
      allow(manager, 'child.view', child([...FIXTURES.allocated_worker, ...FIXTURES.team_manager]), NOW)
        .basis,
    ).toBe('allocated_worker')
    expect(allow(manager, 'child.view', child(FIXTURES.break_glass), NOW).basis).toBe('break_glass')
  })

  it('names the relationship that reaches a restricted record, not the one that does not', () => {
    const manager = actor('team_manager')
    const restricted = child([...FIXTURES.team_manager, ...FIXTURES.restriction_grant], true)
    expect(allow(manager, 'child.view', restricted, NOW).basis).toBe('restriction_grant')
    expect(
      allow(manager, 'child.view', child([...FIXTURES.team_manager, ...FIXTURES.restriction_grant]), NOW)
        .basis,
    ).toBe('team_manager')
  })

  it('uses the relationship that allows the action', () => {
    // Standing oversight lets a service manager allocate; the allocation they hold lets them edit.
    const sm = actor('service_manager')
    const record = child(FIXTURES.allocated_worker)
    expect(allow(sm, 'child.allocate', record, NOW).basis).toBe('service_oversight')
    expect(allow(sm, 'child.edit', record, NOW).basis).toBe('allocated_worker')
  })
})

describe('reasons, in plain English', () => {
  it('explains each kind of denial', () => {
    expect(allow(actor('auditor'), 'child.view', child(FIXTURES.allocated_worker), NOW).reason).toBe(
      "Your role (Auditor) does not let you view a child's record.",
    )
    expect(allow(actor('social_worker'), 'child.view', child(FIXTURES.none), NOW).reason).toMatch(
      /no current link to this child/,
    )
    expect(allow(actor('social_worker'), 'child.view', child(FIXTURES.none, true), NOW).reason).toMatch(
      /restricted/,
    )
    expect(allow(actor('social_worker'), 'child.edit', child(FIXTURES.break_glass), NOW).reason).toBe(
      "Your access as break-glass (emergency access) does not let you change a child's record.",
    )
    expect(
      allow(actor('social_worker'), 'child.view', child(FIXTURES.allocated_team, true), NOW).reason,
    ).toMatch(/does not reach restricted records/)
  })

  it('says what allowed it', () => {
    expect(allow(actor('social_worker'), 'child.view', child(FIXTURES.allocated_worker), NOW).reason).toBe(
      'Allowed as the allocated worker.',
    )
    expect(allow(actor('auditor'), 'audit.view', null, NOW).reason).toBe(
      'Your role (Auditor) lets you search the audit trail.',
    )
  })
})

describe('shorthands for views', () => {
  it('canViewChild and canEditChild follow allow', () => {
    const screener = actor('front_door_screener')
    expect(canViewChild(screener, child(FIXTURES.none), NOW)).toBe(true)
    expect(canEditChild(screener, child(FIXTURES.none), NOW)).toBe(false)
    const worker = actor('social_worker')
    expect(canViewChild(worker, child(FIXTURES.allocated_worker), NOW)).toBe(true)
    expect(canEditChild(worker, child(FIXTURES.allocated_worker), NOW)).toBe(true)
    expect(canEditChild(worker, child(FIXTURES.none), NOW)).toBe(false)
  })
})

describe("staff members' own and relatives' records (SEC-08)", () => {
  const worker = { id: ME, role: 'social_worker' as const, teamId: MY_TEAM, agency: null, managedTeamIds: [] }
  const everything: AccessGrant[] = (['allocated_worker', 'restriction_grant', 'break_glass'] as const).map(
    (basis) => ({ userId: ME, teamId: null, basis, expiresAt: null, revokedAt: null }),
  )

  it.each([
    ['self', 'own_record', 'This is your own record.'],
    ['relative', 'relative_record', 'This is the record of a member of your family.'],
  ] as const)('refuses a %s link whatever the grants, and asks for an alert', (link, alert, words) => {
    const record = { ...child(everything, true), staffLinks: [{ userId: ME, link }] }
    for (const action of ['child.view', 'child.edit'] as const) {
      const decision = allow(worker, action, record, NOW)
      expect(decision.allowed).toBe(false)
      expect(decision.alert).toBe(alert)
      expect(decision.reason).toContain(words)
    }
  })

  it("leaves colleagues' access to a member of staff's record as the grants give it", () => {
    const record = { ...child(everything, true), staffLinks: [{ userId: ME + 1, link: 'self' as const }] }
    const decision = allow(worker, 'child.view', record, NOW)
    expect(decision).toMatchObject({ allowed: true, basis: 'allocated_worker' })
    expect(decision.alert).toBeUndefined()
  })
})

describe('the MASH manager', () => {
  it('has the front door’s standing access only while managing a front door team', () => {
    const unrelated = child(FIXTURES.none)
    const mashManager = { ...actor('team_manager'), managesFrontDoor: true }
    expect(allow(mashManager, 'child.view', unrelated, NOW)).toMatchObject({
      allowed: true,
      basis: 'front_door',
    })
    expect(allow(actor('team_manager'), 'child.view', unrelated, NOW).allowed).toBe(false)
    // Standing access reads; it neither changes the record nor reaches a restricted one.
    expect(allow(mashManager, 'child.edit', unrelated, NOW).allowed).toBe(false)
    expect(allow(mashManager, 'child.view', child(FIXTURES.none, true), NOW).allowed).toBe(false)
  })
})

describe('a carer', () => {
  const carer = actor('carer')
  const placed = child([grant({ userId: ME, basis: 'placement_carer' })])

  it('opens the placement plan of a child placed with them, restricted or not, on the carer’s basis', () => {
    for (const restricted of [false, true]) {
      const decision = allow(carer, 'child.placement_plan.view', { ...placed, restricted }, NOW)
      expect(decision).toMatchObject({ allowed: true, basis: 'placement_carer' })
      expect(decision.reason).toBe('Allowed as the child’s carer.')
    }
  })

  it('does nothing else to that child: not view, change or allocate, and no service action', () => {
    for (const action of ['child.view', 'child.edit', 'child.allocate'] as const)
      expect(allow(carer, action, placed, NOW).reason).toMatch(
        /Your role \(Foster carer or residential care worker\)/,
      )
    for (const action of ACTIONS.filter((a) => a !== 'child.placement_plan.view'))
      expect(allow(carer, action, null, NOW).allowed).toBe(false)
  })

  it('sees nothing of a child once the grant is revoked or another carer holds it', () => {
    const revoked = child([grant({ userId: ME, basis: 'placement_carer', revokedAt: EARLIER })])
    expect(allow(carer, 'child.placement_plan.view', revoked, NOW).allowed).toBe(false)
    const someoneElse = child([grant({ userId: 99, basis: 'placement_carer' })])
    expect(allow(carer, 'child.placement_plan.view', someoneElse, NOW).allowed).toBe(false)
    // A team cannot hold a carer's grant.
    const team = child([grant({ teamId: MY_TEAM, basis: 'placement_carer' })])
    expect(allow(carer, 'child.placement_plan.view', team, NOW).allowed).toBe(false)
  })

  it('gives staff the plan wherever they may view the record, and the carer’s grant gives staff nothing', () => {
    const sw = actor('social_worker')
    expect(allow(sw, 'child.placement_plan.view', child(FIXTURES.allocated_worker), NOW).allowed).toBe(true)
    expect(allow(sw, 'child.placement_plan.view', placed, NOW).allowed).toBe(false)
    expect(allow(sw, 'child.view', placed, NOW).allowed).toBe(false)
  })
})
