/**
 * 1570 (from 2024/25): the LA's child identifier is at most 20 characters, counted as
 * characters (code points), not UTF-16 units. Haven reads the identifier trimmed, as every
 * code: the reference validator counts any spaces around it too.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule1570: CinRule = {
  code: '1570',
  type: 'error',
  message: 'LA Child ID must not be longer than 20 characters',
  affects: [{ table: 'ChildIdentifiers', fields: ['LAchildID'] }],
  check(child) {
    const id = child.LAchildID
    // Only an identifier longer than 20 UTF-16 units can be longer than 20 characters.
    if (id === null || id.length <= 20) return NO_HITS
    const length = [...id].length
    if (length <= 20) return NO_HITS
    return [hit('ChildIdentifiers', child, ['LAchildID'], `${length} characters`)]
  },
}
