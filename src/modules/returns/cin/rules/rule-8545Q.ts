/** 8545Q: a child's date of death, where given, should be within the census year. */
import { NO_HITS, hit } from '../../engine.js'
import { inCensusYear, type CinRule } from '../rule.js'

export const rule8545Q: CinRule = {
  code: '8545Q',
  type: 'query',
  message:
    "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
  affects: [{ table: 'ChildIdentifiers', fields: ['PersonDeathDate'] }],
  check(child, ctx) {
    const death = child.PersonDeathDate
    if (death === null || inCensusYear(death, ctx)) return NO_HITS
    return [hit('ChildIdentifiers', child, ['PersonDeathDate'], `died ${death}`)]
  },
}
