import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { allow, relationshipsAllowing, type AccessGrant, type Actor, type ChildRecord } from './allow.js'
import {
  FIELD_CLASSES,
  fieldReach,
  maySee,
  visibleFields,
  withheldFields,
  type FieldClass,
} from './fields.js'
import { fieldMatrixMarkdown } from './matrix.js'
import {
  isStanding,
  RELATIONSHIPS,
  relationshipsOf,
  ROLE_RELATIONSHIPS,
  type Relationship,
} from './relationships.js'
import { ROLES, type Role } from './roles.js'

const NOW = new Date('2026-03-31T12:00:00Z')
const README = path.join(path.dirname(fileURLToPath(import.meta.url)), 'README.md')

// Every cell written out by hand, in the relationships' order: allocated_worker, team_manager,
// allocated_team, restriction_grant, independent_reviewing_officer, process_participant, agency_lead,
// placement_carer, front_door,
// service_oversight, break_glass. P police intelligence, H health detail, C confidential
// address, I adopters' identity; '' none; '·' the role cannot rely on the relationship.
const EXPECTED: Record<Role, string[]> = {
  front_door_screener: ['PHCI', '·', '', 'PHCI', '·', '·', '·', '·', 'PH', '·', 'PH'],
  mash_social_worker: ['PHCI', '·', '', 'PHCI', '·', '', '·', '·', 'PH', '·', 'PH'],
  social_worker: ['PHCI', '·', '', 'PHCI', '·', '', '·', '·', '·', '·', 'PH'],
  // Through the front door only while managing a front door team (relationshipsOf).
  team_manager: ['PHCI', 'PHC', '', 'PHCI', '·', '', '·', '·', 'PH', '·', 'PH'],
  service_manager: ['PHCI', 'PHC', '·', 'PHCI', '·', '·', '·', '·', '·', 'PH', 'PH'],
  partner_practitioner: ['·', '·', '·', '', '·', '', '', '·', '·', '·', '·'],
  performance_officer: ['·', '·', '·', '·', '·', '·', '·', '·', '·', '·', '·'],
  administrator: ['·', '·', '·', '·', '·', '·', '·', '·', '·', '·', '·'],
  auditor: ['·', '·', '·', '·', '·', '·', '·', '·', '·', '·', '·'],
  emergency_duty_worker: ['·', '·', '·', '·', '·', '·', '·', '·', '·', '·', '·'],
  independent_reviewing_officer: ['·', '·', '·', 'PHCI', 'PHI', '·', '·', '·', '·', '·', '·'],
  // The plan only, which carries none of the protected classes.
  carer: ['·', '·', '·', '·', '·', '·', '·', '', '·', '·', '·'],
}
const LETTER: Record<FieldClass, string> = {
  police_intelligence: 'P',
  health_detail: 'H',
  confidential_address: 'C',
  adopter_identity: 'I',
}

function expected(role: Role, relationship: Relationship): FieldClass[] {
  const cell = EXPECTED[role][RELATIONSHIPS.indexOf(relationship)] ?? '·'
  return FIELD_CLASSES.filter((f) => cell.includes(LETTER[f]))
}

describe('the field rules, cell by cell', () => {
  const cells = ROLES.flatMap((role) =>
    RELATIONSHIPS.flatMap((relationship) =>
      FIELD_CLASSES.map((field) => ({
        role,
        relationship,
        field,
        shown: expected(role, relationship).includes(field),
      })),
    ),
  )
  it.each(cells)('$role through $relationship: $field shown $shown', (c) => {
    expect(fieldReach(c.role, c.relationship).includes(c.field)).toBe(c.shown)
  })

  it('marks exactly the relationships a role cannot rely on', () => {
    for (const role of ROLES)
      for (const relationship of RELATIONSHIPS) {
        const cell = EXPECTED[role][RELATIONSHIPS.indexOf(relationship)]
        expect(cell === '·').toBe(!ROLE_RELATIONSHIPS[role].includes(relationship))
      }
  })
})

// The grant that gives each relationship to actor 1 (in team 10, managing team 20).
const GRANT: Record<Exclude<Relationship, 'front_door' | 'service_oversight'>, AccessGrant> = {
  allocated_worker: { userId: 1, teamId: null, basis: 'allocated_worker', expiresAt: null, revokedAt: null },
  allocated_team: { userId: null, teamId: 10, basis: 'allocated_team', expiresAt: null, revokedAt: null },
  team_manager: { userId: null, teamId: 20, basis: 'allocated_team', expiresAt: null, revokedAt: null },
  process_participant: {
    userId: 1,
    teamId: null,
    basis: 'process_participant',
    expiresAt: null,
    revokedAt: null,
  },
  agency_lead: { userId: 1, teamId: null, basis: 'agency_lead', expiresAt: null, revokedAt: null },
  placement_carer: { userId: 1, teamId: null, basis: 'placement_carer', expiresAt: null, revokedAt: null },
  break_glass: { userId: 1, teamId: null, basis: 'break_glass', expiresAt: null, revokedAt: null },
  restriction_grant: {
    userId: 1,
    teamId: null,
    basis: 'restriction_grant',
    expiresAt: null,
    revokedAt: null,
  },
  independent_reviewing_officer: {
    userId: 1,
    teamId: null,
    basis: 'independent_reviewing_officer',
    expiresAt: null,
    revokedAt: null,
  },
}
const REACHES_RESTRICTED: Relationship[] = [
  'allocated_worker',
  'restriction_grant',
  'independent_reviewing_officer',
  'break_glass',
]

const actorAs = (role: Role, agency: string | null = null): Actor => ({
  id: 1,
  role,
  teamId: 10,
  agency,
  managedTeamIds: [20],
})
const childWith = (grants: AccessGrant[], restricted = false, deleted = false): ChildRecord => ({
  childId: 7,
  restricted,
  deleted,
  staffLinks: [],
  grants,
})

describe('visibleFields on a record', () => {
  // One grant at a time, on an ordinary and a restricted record. A role with standing access
  // holds it on every ordinary record too, so what it sees is what either relationship shows.
  const cases = ROLES.flatMap((role) =>
    (Object.keys(GRANT) as (keyof typeof GRANT)[]).flatMap((relationship) =>
      [false, true].map((restricted) => ({ role, relationship, restricted })),
    ),
  )
  it.each(cases)('$role given $relationship, restricted $restricted', (c) => {
    const through: Relationship[] = []
    if (ROLE_RELATIONSHIPS[c.role].includes(c.relationship)) {
      if (!c.restricted || REACHES_RESTRICTED.includes(c.relationship)) through.push(c.relationship)
    }
    if (!c.restricted) through.push(...relationshipsOf(actorAs(c.role)).filter(isStanding))
    const want = FIELD_CLASSES.filter((f) => through.some((r) => expected(c.role, r).includes(f)))
    const child = childWith([GRANT[c.relationship]], c.restricted)
    expect(visibleFields(actorAs(c.role), child, NOW)).toEqual(want)
  })

  it.each(cases)(
    '$role given $relationship, restricted $restricted: relied on only when allow() opens it',
    (c) => {
      const child = childWith([GRANT[c.relationship]], c.restricted)
      const actor = actorAs(c.role)
      expect(relationshipsAllowing(actor, 'child.view', child, NOW).length > 0).toBe(
        allow(actor, 'child.view', child, NOW).allowed,
      )
    },
  )

  it('shows nothing on a record the actor may not open', () => {
    expect(visibleFields(actorAs('social_worker'), childWith([]), NOW)).toEqual([])
    // Standing front door access stops at a restricted record, and its fields with it.
    expect(visibleFields(actorAs('front_door_screener'), childWith([], true), NOW)).toEqual([])
  })

  it('shows nothing on a deleted record, even to its worker', () => {
    const child = childWith([GRANT.allocated_worker], false, true)
    expect(visibleFields(actorAs('social_worker'), child, NOW)).toEqual([])
  })

  it('stops showing a confidential address when the allocation is revoked or expires', () => {
    const revoked = { ...GRANT.allocated_worker, revokedAt: new Date('2026-03-01T00:00:00Z') }
    const expired = { ...GRANT.allocated_worker, expiresAt: NOW }
    expect(visibleFields(actorAs('social_worker'), childWith([revoked, GRANT.allocated_team]), NOW)).toEqual(
      [],
    )
    expect(visibleFields(actorAs('social_worker'), childWith([expired]), NOW)).toEqual([])
  })

  it('gives the union of the relationships held', () => {
    // A MASH social worker allocated the child sees the confidential address too.
    const child = childWith([GRANT.allocated_worker])
    expect(visibleFields(actorAs('mash_social_worker'), child, NOW)).toEqual(FIELD_CLASSES)
  })

  it('ignores a relationship the role cannot rely on', () => {
    // A social worker recorded as manager of the allocated team is still only in the team.
    const child = childWith([GRANT.team_manager, GRANT.allocated_team])
    expect(visibleFields(actorAs('social_worker'), child, NOW)).toEqual([])
  })
})

describe('maySee, one item at a time', () => {
  const police = { fieldClass: 'police_intelligence' as const }
  const health = { fieldClass: 'health_detail' as const }
  it('shows anything unprotected to anyone', () => {
    expect(maySee(actorAs('partner_practitioner'), [], { fieldClass: null })).toBe(true)
  })
  it('shows a protected item when its class is visible, and not otherwise', () => {
    expect(maySee(actorAs('social_worker'), ['police_intelligence'], police)).toBe(true)
    expect(maySee(actorAs('social_worker'), ['police_intelligence'], health)).toBe(false)
    expect(maySee(actorAs('social_worker'), [], police)).toBe(false)
  })
  it('shows the agency that gave it what it gave, and no other agency', () => {
    expect(maySee(actorAs('partner_practitioner', 'police'), [], police)).toBe(true)
    expect(maySee(actorAs('partner_practitioner', 'police'), [], health)).toBe(false)
    expect(maySee(actorAs('partner_practitioner', 'health'), [], health)).toBe(true)
    expect(maySee(actorAs('partner_practitioner', 'education'), [], police)).toBe(false)
  })
  it('gives no agency a confidential address or adopters’ identity', () => {
    for (const agency of ['police', 'health', 'education', 'probation', 'other'])
      for (const fieldClass of ['confidential_address', 'adopter_identity'] as const)
        expect(maySee(actorAs('partner_practitioner', agency), [], { fieldClass })).toBe(false)
  })
  it('follows the giver named on the item over the class’s usual giver', () => {
    expect(maySee(actorAs('partner_practitioner', 'police'), [], { ...police, givenBy: null })).toBe(false)
    expect(maySee(actorAs('partner_practitioner', 'health'), [], { ...police, givenBy: 'health' })).toBe(true)
  })
  it('lists what a page withholds of what it carries', () => {
    expect(withheldFields(['police_intelligence'], ['police_intelligence', 'health_detail'])).toEqual([
      'health_detail',
    ])
    expect(withheldFields(FIELD_CLASSES, ['confidential_address'])).toEqual([])
  })
})

/** Prettier pads table cells; compare the content, not the padding. */
function normalise(markdown: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim())
    .join('\n')
}

describe('the published field rules', () => {
  it('in the README match the code (regenerate with npx tsx src/platform/permissions/matrix.ts fields)', () => {
    const readme = fs.readFileSync(README, 'utf8')
    const published = /<!-- fields:start -->([\s\S]*)<!-- fields:end -->/.exec(readme)?.[1]
    expect(published).toBeDefined()
    expect(normalise(published ?? '')).toBe(normalise(fieldMatrixMarkdown()))
  })

  it('notices a difference', () => {
    const changed = fieldMatrixMarkdown().replace('| P H C |', '| P H |')
    expect(changed).not.toBe(fieldMatrixMarkdown())
    expect(normalise(changed)).not.toBe(normalise(fieldMatrixMarkdown()))
  })
})
