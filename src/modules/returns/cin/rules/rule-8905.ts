/** 8905: every child protection plan needs a valid initial category of abuse (NEG, PHY, SAB, EMO, MUL). */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { CATEGORY_OF_ABUSE } from '../codes.js'
import type { CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

export const rule8905: CinRule = {
  code: '8905',
  type: 'error',
  message:
    'Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)',
  affects: [{ table: 'ChildProtectionPlans', fields: ['InitialCategoryOfAbuse'] }],
  check(child) {
    let hits: RuleHit<CinTable>[] | undefined
    for (const episode of child.cinDetails) {
      for (const plan of episode.childProtectionPlans) {
        const code = plan.InitialCategoryOfAbuse
        if (code === null || !CATEGORY_OF_ABUSE.has(code)) {
          const detail = code === null ? 'missing' : `"${code}" is not a category of abuse`
          ;(hits ??= []).push(hit('ChildProtectionPlans', plan, ['InitialCategoryOfAbuse'], detail))
        }
      }
    }
    return hits ?? NO_HITS
  },
}
