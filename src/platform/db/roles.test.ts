import { describe, expect, it } from 'vitest'
import { applicationPrivileges, type RelationKind } from './roles.js'

describe('applicationPrivileges', () => {
  it.each<[string, RelationKind, boolean, string[]]>([
    ['audit_event', 'table', true, ['INSERT', 'SELECT']],
    ['audit_seal', 'table', true, ['INSERT', 'SELECT']],
    ['audit_event_id_seq', 'sequence', true, ['SELECT', 'USAGE']],
    ['schema_migration', 'table', false, ['SELECT']],
    ['person', 'table', false, ['DELETE', 'INSERT', 'SELECT', 'UPDATE']],
    ['person_id_seq', 'sequence', false, ['SELECT', 'UPDATE', 'USAGE']],
    ['child_chronology', 'view', false, ['SELECT']],
  ])('%s (%s, append-only %s): %j', (name, kind, appendOnly, expected) => {
    expect(applicationPrivileges({ name, kind, appendOnly })).toEqual(expected)
  })

  it('never grants what would let the application alter, empty or drop a table', () => {
    for (const kind of ['table', 'view', 'sequence'] as const) {
      for (const appendOnly of [true, false]) {
        const granted = applicationPrivileges({ name: 'x', kind, appendOnly })
        expect(granted.filter((p) => ['TRUNCATE', 'TRIGGER', 'REFERENCES', 'MAINTAIN'].includes(p))).toEqual(
          [],
        )
        if (appendOnly) expect(granted.filter((p) => p === 'UPDATE' || p === 'DELETE')).toEqual([])
      }
    }
  })
})
