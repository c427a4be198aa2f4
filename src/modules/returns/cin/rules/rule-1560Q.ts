/**
 * 1560Q: a former UPN, where given, should be a letter followed by twelve digits. The reference
 * validator reads it this strictly, so a temporary UPN (ending in a letter) given as the former
 * UPN is queried too. "Letter" is any Unicode letter, as Python's `isalpha`.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

const FORMER_UPN = /^\p{L}\d{12}$/u

export const rule1560Q: CinRule = {
  code: '1560Q',
  type: 'query',
  message: 'Please check and either amend or provide a reason: Former UPN wrongly formatted',
  affects: [{ table: 'ChildIdentifiers', fields: ['FormerUPN'] }],
  check(child) {
    const former = child.FormerUPN
    if (former === null || FORMER_UPN.test(former)) return NO_HITS
    return [hit('ChildIdentifiers', child, ['FormerUPN'])]
  },
}
