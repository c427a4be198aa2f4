/** 8555Q: a child cannot be referred after the recorded date of death. The referral and the child are reported. */
import { NO_HITS, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'
import { hitOnce } from './shared-hits.js'

export const rule8555Q: CinRule = {
  code: '8555Q',
  type: 'query',
  message: 'Child cannot be referred after its recorded date of death',
  affects: [
    { table: 'CINdetails', fields: ['CINreferralDate'] },
    { table: 'ChildIdentifiers', fields: ['PersonDeathDate'] },
  ],
  check(child) {
    const death = child.PersonDeathDate
    if (death === null) return NO_HITS
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      const referral = episode.CINreferralDate
      if (referral === null || referral <= death) continue
      hits = hitOnce(hits, 'CINdetails', episode, ['CINreferralDate'], `referred ${referral}, died ${death}`)
      hits = hitOnce(hits, 'ChildIdentifiers', child, ['PersonDeathDate'])
    }
    return hits ?? NO_HITS
  },
}
