/** 8950Q: factor 19A (sexual abuse) should be 19B (child on child) or 19C (adult on child). See 8945Q. */
import type { CinRule } from '../rule.js'
import { retiredFactorRule } from './rule-8945Q.js'

export const rule8950Q: CinRule = retiredFactorRule(
  '8950Q',
  '19A',
  "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
)
