/**
 * 8590: every child in the return needs at least one CIN episode.
 *
 * The reference validator matches episodes to children by LAchildID, so a child with no episode
 * passes when another child shares its LAchildID; Haven reads the episodes nested in the child
 * itself (duplicate identifiers are rule 8510's business).
 */
import { NO_HITS, hit } from '../../engine.js'
import type { CinRule } from '../rule.js'

export const rule8590: CinRule = {
  code: '8590',
  type: 'error',
  message: 'Child does not have a recorded CIN episode.',
  affects: [{ table: 'ChildIdentifiers', fields: ['LAchildID'] }],
  check(child) {
    return child.cinDetails.length === 0 ? [hit('ChildIdentifiers', child, ['LAchildID'])] : NO_HITS
  },
}
