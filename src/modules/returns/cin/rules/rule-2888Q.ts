/**
 * 2888Q: across the return, at least one child with a disability should have more than one
 * disability recorded. Reported once when every child with a disability row other than NONE
 * has at most one disability code.
 *
 * As in the reference validator: a blank Disability row counts as a row other than NONE but
 * not as a code; children are grouped by LAchildID (two records with the same identifier
 * are counted together; a record with none is left out); and a return where no child has a
 * row other than NONE is not queried.
 */
import type { CinReturnRule } from '../rule.js'
import { returnLevelHit } from './shared-hits.js'

export const rule2888Q: CinReturnRule = {
  code: '2888Q',
  type: 'query',
  message:
    'Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.',
  affects: [{ table: 'Disabilities', fields: ['Disability'] }],
  scope: 'return',
  begin() {
    let anyDisabled = false
    let anyWithSeveral = false
    // Identifiers seen with exactly one code, so a repeated identifier adds up as the reference's grouping does.
    let withOne: Set<string> | undefined = new Set()
    return {
      see(child) {
        if (anyWithSeveral || child.LAchildID === null) return
        let rows = 0
        let codes = 0
        for (const d of child.disabilities) {
          if (d.Disability === 'NONE') continue
          rows++
          if (d.Disability !== null) codes++
        }
        if (rows === 0) return
        anyDisabled = true
        if (codes === 0) return
        if (codes > 1 || withOne?.has(child.LAchildID)) {
          anyWithSeveral = true
          withOne = undefined
        } else withOne?.add(child.LAchildID)
      },
      finish() {
        if (!anyDisabled || anyWithSeveral) return []
        return [returnLevelHit('Disabilities', ['Disability'])]
      },
    }
  },
}
