import { describe, expect, it } from 'vitest'
import { auditValues, likePrefix, parseDay, type AuditEntry } from './audit.js'

const ctx = { userId: 4, username: 'sw.jones', requestId: 'req-1' }

describe('auditValues', () => {
  it('fills every column, with nulls for what was not given', () => {
    expect(auditValues(ctx, { action: 'child.view', outcome: 'allowed' })).toEqual({
      user_id: 4,
      username: 'sw.jones',
      request_id: 'req-1',
      ip: null,
      session_id: null,
      action: 'child.view',
      outcome: 'allowed',
      child_id: null,
      record_type: null,
      record_id: null,
      basis: null,
      detail: '{}',
    })
  })

  it('keeps a numeric record id as text and the detail as JSON', () => {
    const row = auditValues(
      { ...ctx, ip: '192.0.2.1', sessionId: 'abc' },
      {
        action: 'contact.create',
        outcome: 'denied',
        childId: 9,
        recordType: 'contact',
        recordId: 31,
        detail: { why: 'x' },
      },
    )
    expect(row).toMatchObject({
      record_id: '31',
      child_id: 9,
      ip: '192.0.2.1',
      session_id: 'abc',
      detail: '{"why":"x"}',
    })
  })

  it.each(['child.view', 'user.sign_in', 'returns.cin.export', 'page2.view'])(
    'accepts the action %s',
    (action) => {
      expect(() => auditValues(ctx, { action, outcome: 'allowed' })).not.toThrow()
    },
  )

  it.each(['view', 'Child.view', 'child.', '.view', 'child view', 'child.View', ''])(
    'refuses the action "%s"',
    (action) => {
      expect(() => auditValues(ctx, { action, outcome: 'allowed' })).toThrow(/area\.verb/)
    },
  )

  it('refuses an outcome it does not know', () => {
    const entry = { action: 'child.view', outcome: 'maybe' } as unknown as AuditEntry
    expect(() => auditValues(ctx, entry)).toThrow(/outcome/)
  })
})

describe('parseDay', () => {
  it.each(['2026-03-29', '2024-02-29', '1999-12-31'])('accepts %s', (day) => {
    expect(parseDay(day, 'from')).toBe(day)
  })

  it.each(['2026-02-29', '2026-13-01', '29/03/2026', '2026-3-29', '2026-03-29T00:00', ''])(
    'refuses "%s"',
    (day) => {
      expect(() => parseDay(day, 'from')).toThrow(/from must be a real date/)
    },
  )
})

describe('likePrefix', () => {
  it.each([
    ['child.', 'child.%'],
    ['user_', 'user\\_%'],
    ['100%', '100\\%%'],
    ['a\\b', 'a\\\\b%'],
  ])('escapes %s', (prefix, pattern) => {
    expect(likePrefix(prefix)).toBe(pattern)
  })
})
