import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RELATIONSHIPS } from '../permissions/relationships.js'
import { ACTIONS } from '../permissions/roles.js'
import { actionLabel, basisLabel, hasOwnLabel, outcomeLabel } from './labels.js'

describe('the audit trail’s codes in words', () => {
  it.each([
    ['child.view', 'View a child’s record'],
    ['user.sign_in', 'Sign in'],
    ['contact.agency_check.record', 'Record an agency’s information'],
    // A code with no words of its own still reads as words, never as the raw code.
    ['care_episode.view', 'Care episode: view'],
    ['placement_move.record', 'Placement move: record'],
    ['plan', 'Plan'],
  ])('reads the action %s as %j', (code, words) => {
    expect(actionLabel(code)).toBe(words)
  })

  it.each([
    ['front_door', 'Front door (standing access)'],
    ['break_glass', 'Emergency access (break-glass)'],
    ['submitting_agency', 'Agency that made the contact'],
    ['some_new_basis', 'Some new basis'],
    ['toString', 'ToString'], // not the object's own method
    [null, null],
    ['', null],
  ])('reads the basis %j as %j', (code, words) => {
    expect(basisLabel(code)).toBe(words)
  })

  it('has words for every relationship the permission rules record', () => {
    for (const r of RELATIONSHIPS) expect(basisLabel(r)).not.toMatch(/_|^[a-z]/)
  })

  it.each([
    ['allowed', 'Allowed'],
    ['denied', 'Denied'],
    ['failed', 'Failed'],
  ])('reads the outcome %s as %s', (code, words) => {
    expect(outcomeLabel(code)).toBe(words)
  })
})

/**
 * Every audit action the code writes, read from the source rather than listed by hand: the codes
 * given as an audit row's `action` (both branches of a choice), the actions route subjects audit
 * (`auditAction`), each subject kind's `<kind>.view` (written when a record named is not found),
 * and the permission actions, which a refusal is audited under.
 */
function writtenActions(): Set<string> {
  const src = fileURLToPath(new URL('../../', import.meta.url))
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts'),
  )
  const found = new Set<string>(ACTIONS)
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8')
    for (const m of text.matchAll(/\b(?:action|auditAction):\s*([^\n]*)/g)) {
      // The value alone: up to the next property on the line (`auditDetail: { form: … }` is not one).
      const value = (m[1] ?? '').split(/,\s*[A-Za-z_]+:/)[0] ?? ''
      for (const code of value.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(code[1] as string)
    }
    if (/: SubjectKinds = \{/.test(text))
      for (const kind of text.matchAll(/^ {2}([a-z_]+): \{$/gm)) found.add(`${kind[1]}.view`)
  }
  return found
}

describe('the audit actions the code writes', () => {
  const written = [...writtenActions()].sort()

  it('are found in the source (the scan still reads it)', () => {
    for (const known of [
      'contact.recommend',
      'strategy_discussion.record',
      'contact_child.view',
      'child.view',
    ])
      expect(written).toContain(known)
  })

  it('each have words of their own on the auditor’s page', () => {
    expect(written.filter((action) => !hasOwnLabel(action))).toEqual([])
  })
})
