/**
 * The permission rules as readable tables, for the README and for auditors (SEC-02: publish a
 * readable view of the matrix). Rendered from the same data `allow` runs on, and a test checks
 * the README still matches, so the documentation cannot drift from the code.
 *
 * Print it with `npx tsx src/platform/permissions/matrix.ts`, and the field rules with
 * `npx tsx src/platform/permissions/matrix.ts fields`.
 */
import { pathToFileURL } from 'node:url'
import { FIELD_CLASS_NAMES, FIELD_CLASSES, FIELD_LETTERS, fieldReach, GIVEN_BY } from './fields.js'
import {
  REACHES_RESTRICTED,
  RELATIONSHIP_ACTIONS,
  RELATIONSHIPS,
  ROLE_RELATIONSHIPS,
  isStanding,
} from './relationships.js'
import {
  ACTIONS,
  CHILD_ACTIONS,
  ROLE_NAMES,
  ROLES,
  roleGrants,
  type ChildAction,
  type Role,
} from './roles.js'
import type { Relationship } from './relationships.js'

const LETTER: Record<ChildAction, string> = {
  'child.view': 'V',
  'child.placement_plan.view': 'P',
  'child.edit': 'E',
  'child.allocate': 'A',
}

/** What a role can do to a child through one relationship, on an ordinary and a restricted record. */
export function reach(
  role: Role,
  relationship: Relationship,
): { ordinary: ChildAction[]; restricted: ChildAction[] } {
  if (!ROLE_RELATIONSHIPS[role].includes(relationship)) return { ordinary: [], restricted: [] }
  const ordinary = CHILD_ACTIONS.filter(
    (a) => roleGrants(role, a) && RELATIONSHIP_ACTIONS[relationship].includes(a),
  )
  return { ordinary, restricted: REACHES_RESTRICTED.includes(relationship) ? ordinary : [] }
}

function letters(actions: ChildAction[]): string {
  return actions.length === 0 ? '–' : actions.map((a) => LETTER[a]).join('')
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

export function permissionMatrixMarkdown(): string {
  const roleActions = table(
    ['Action', ...ROLES.map((r) => ROLE_NAMES[r])],
    ACTIONS.map((action) => [
      `\`${action}\``,
      ...ROLES.map((role) => (roleGrants(role, action) ? 'yes' : '–')),
    ]),
  )
  const relationships = table(
    ['Role', ...RELATIONSHIPS.map((r) => `\`${r}\`${isStanding(r) ? ' (standing)' : ''}`)],
    ROLES.map((role) => [
      ROLE_NAMES[role],
      ...RELATIONSHIPS.map((relationship) => {
        const { ordinary, restricted } = reach(role, relationship)
        return ordinary.length === 0 ? '–' : `${letters(ordinary)} / ${letters(restricted)}`
      }),
    ]),
  )
  return [
    '### What each role may do at all',
    '',
    roleActions,
    '',
    '### What each relationship lets a role do to a child',
    '',
    'V view, P the placement plan and delegated authority, E change, A allocate; ordinary record /',
    'restricted record; – nothing. A member of staff',
    'may do what any one of their live relationships allows. Deleted records are open to no one.',
    '',
    relationships,
  ].join('\n')
}

/** The field rules (SEC-04) as a table: which protected classes each role sees through each relationship. */
export function fieldMatrixMarkdown(): string {
  const key = FIELD_CLASSES.map((f) => `${FIELD_LETTERS[f]} ${FIELD_CLASS_NAMES[f]}`).join(', ')
  const givers = FIELD_CLASSES.filter((f) => GIVEN_BY[f] !== null)
    .map((f) => `${FIELD_CLASS_NAMES[f]} to ${GIVEN_BY[f]}`)
    .join(', ')
  const fields = table(
    ['Role', ...RELATIONSHIPS.map((r) => `\`${r}\`${isStanding(r) ? ' (standing)' : ''}`)],
    ROLES.map((role) => [
      ROLE_NAMES[role],
      ...RELATIONSHIPS.map((relationship) => {
        if (!ROLE_RELATIONSHIPS[role].includes(relationship)) return '·'
        const seen = fieldReach(role, relationship)
        return seen.length === 0 ? '–' : seen.map((f) => FIELD_LETTERS[f]).join(' ')
      }),
    ]),
  )
  return [
    '### Which protected fields each relationship shows to a role',
    '',
    `${key};`,
    '– none of them; · the role cannot rely on this relationship. A member of staff sees what any',
    'one of the live relationships that let them view the record shows. Whatever the table says,',
    `the agency that gave something may see it again (${givers}).`,
    '',
    fields,
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(process.argv[2] === 'fields' ? fieldMatrixMarkdown() : permissionMatrixMarkdown())
}
