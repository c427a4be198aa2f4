import { describe, expect, it } from 'vitest'
import { RELATIONSHIPS } from '../permissions/relationships.js'
import { actionLabel, basisLabel, outcomeLabel } from './labels.js'

describe('the audit trail’s codes in words', () => {
  it.each([
    ['child.view', 'View a child’s record'],
    ['user.sign_in', 'Sign in'],
    ['contact.agency_check.record', 'Record an agency’s information'],
    // A code with no words of its own still reads as words, never as the raw code.
    ['contact_child.view', 'Contact child: view'],
    ['staff_account.view', 'Staff account: view'],
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
