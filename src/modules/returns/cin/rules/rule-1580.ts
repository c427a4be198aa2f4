/**
 * 1580 (from 2024/25): the LA's child identifier is letters and digits only. As in the
 * reference validator (Python's `isalnum`), letters and digits of any script count. Haven reads
 * the identifier trimmed, so spaces around it are not reported (the reference reports them);
 * a space inside it is.
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

const ALPHANUMERIC = /^[\p{L}\p{N}]+$/u

export const rule1580: CinRule = {
  code: '1580',
  type: 'error',
  message: 'LA Child ID must not contain any non-alphanumeric characters',
  affects: [{ table: 'ChildIdentifiers', fields: ['LAchildID'] }],
  check(child) {
    const id = child.LAchildID
    if (id === null || ALPHANUMERIC.test(id)) return NO_HITS
    return [hit('ChildIdentifiers', child, ['LAchildID'])]
  },
}
