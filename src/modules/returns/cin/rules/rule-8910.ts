/** 8910: every child protection plan needs a valid latest category of abuse (NEG, PHY, SAB, EMO, MUL). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { CATEGORY_OF_ABUSE } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8910: CinRule = {
  code: '8910',
  type: 'error',
  message:
    'Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  affects: [{ table: 'ChildProtectionPlans', fields: ['LatestCategoryOfAbuse'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const code = plan.LatestCategoryOfAbuse
        if (code === null || !CATEGORY_OF_ABUSE.has(code)) {
          const detail = code === null ? 'missing' : `"${code}" is not a category of abuse`
          ;(hits ??= []).push(hit('ChildProtectionPlans', plan, ['LatestCategoryOfAbuse'], detail))
        }
      }
    }
    return hits ?? NO_HITS
  },
}
