/** 8500: every child needs the LA's child identifier. Blank, or only spaces, counts as missing. */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule8500: CinRule = {
  code: '8500',
  type: 'error',
  message: 'LA Child ID missing',
  affects: [{ table: 'ChildIdentifiers', fields: ['LAchildID'] }],
  check(child) {
    return child.LAchildID === null ? [hit('ChildIdentifiers', child, ['LAchildID'])] : NO_HITS
  },
}
