import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { allow, type AccessGrant, type Actor } from './allow.js'
import { permissionMatrixMarkdown, reach } from './matrix.js'
import { isStanding, ROLE_RELATIONSHIPS, type Relationship } from './relationships.js'
import { CHILD_ACTIONS, ROLES } from './roles.js'

const README = path.join(path.dirname(fileURLToPath(import.meta.url)), 'README.md')

/** Prettier pads table cells; compare the content, not the padding. */
function normalise(markdown: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) => line.replace(/-{3,}/g, '---').replace(/\s+/g, ' ').trim())
    .join('\n')
}

describe('the published matrix', () => {
  it('in the README matches the rules (regenerate with npx tsx src/platform/permissions/matrix.ts)', () => {
    const readme = fs.readFileSync(README, 'utf8')
    const published = /<!-- matrix:start -->([\s\S]*)<!-- matrix:end -->/.exec(readme)?.[1]
    expect(published).toBeDefined()
    expect(normalise(published ?? '')).toBe(normalise(permissionMatrixMarkdown()))
  })

  it('notices a difference', () => {
    const changed = permissionMatrixMarkdown().replace('| VPEA / – |', '| VPEA / VPEA |')
    expect(normalise(changed)).not.toBe(normalise(permissionMatrixMarkdown()))
  })

  // For roles with no standing access a single grant is the only relationship, so what the table
  // says it allows can be checked against allow() itself.
  const NOW = new Date('2026-03-31T12:00:00Z')
  const grantFor: Partial<Record<Relationship, AccessGrant>> = {
    allocated_worker: {
      userId: 1,
      teamId: null,
      basis: 'allocated_worker',
      expiresAt: null,
      revokedAt: null,
    },
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
    break_glass: { userId: 1, teamId: null, basis: 'break_glass', expiresAt: null, revokedAt: null },
    restriction_grant: {
      userId: 1,
      teamId: null,
      basis: 'restriction_grant',
      expiresAt: null,
      revokedAt: null,
    },
  }
  const cases = ROLES.filter((role) => !ROLE_RELATIONSHIPS[role].some(isStanding)).flatMap((role) =>
    Object.entries(grantFor).flatMap(([relationship, grant]) =>
      [false, true].map((restricted) => ({
        role,
        relationship: relationship as Relationship,
        grant,
        restricted,
      })),
    ),
  )
  it.each(cases)('$role through $relationship, restricted $restricted, agrees with allow()', (c) => {
    const actor: Actor = { id: 1, role: c.role, teamId: 10, agency: null, managedTeamIds: [20] }
    const child = { childId: 1, restricted: c.restricted, deleted: false, grants: [c.grant], staffLinks: [] }
    const allowed = CHILD_ACTIONS.filter((a) => allow(actor, a, child, NOW).allowed)
    const table = reach(c.role, c.relationship)
    expect(allowed).toEqual(c.restricted ? table.restricted : table.ordinary)
  })
})
