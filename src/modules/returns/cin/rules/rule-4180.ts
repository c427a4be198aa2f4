/** 4180 (from 2024/25): Sex is required and is M, F or U. */
import { NO_HITS, hit } from '../../engine.js'
import { SEX } from '../codes.js'
import type { CinRule } from '../rule.js'

export const rule4180: CinRule = {
  code: '4180',
  type: 'error',
  message: 'Sex must be provided and equal M, F, or U',
  affects: [{ table: 'ChildIdentifiers', fields: ['Sex'] }],
  check(child) {
    if (child.Sex !== null && SEX.has(child.Sex)) return NO_HITS
    return [hit('ChildIdentifiers', child, ['Sex'])]
  },
}
