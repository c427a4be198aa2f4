/**
 * 4004: an episode can have only one open CIN plan (no end date). When it has more, every CIN
 * plan of the episode is reported, as in the reference validator. Open plans in different
 * episodes are left to the episode rules (8815, 8820).
 *
 * Records that share an LAchildID are one child here, as in the reference validator, which
 * groups plans by identifier and episode position: a child sent twice with an open plan in its
 * first episode shows two open plans (8510 reports the duplicate as well). A whole-return rule
 * so it can see both records. A record with no identifier is judged on its own (the reference
 * drops such records from the grouping altogether, which would hide two open plans).
 */
import type { Located, ReturnHit } from '../../engine.js'
import type { CinTable } from '../model.js'
import type { CinReturnRule } from '../rule.js'
import { returnHit } from './shared-hits.js'

const FIELDS = ['CINPlanEndDate']

/**
 * The rule holds every child with a CIN plan until the end, so each identifier's plans are kept
 * flat, as small integers in one array, not as maps and objects: for each episode position in
 * the order first met, the position, its open plans, its plan count, then each plan's row and
 * line (-1 when none), later records' plans appended to the episode's own.
 */
type Flat = number[]

function add(flat: Flat, position: number, open: number, plans: readonly Located[]): void {
  let at = 0
  while (at < flat.length && flat[at] !== position) at += 3 + 2 * (flat[at + 2] as number)
  const entries: number[] = []
  for (const p of plans) entries.push(p.row, p.line ?? -1)
  if (at < flat.length) {
    const count = flat[at + 2] as number
    flat[at + 1] = (flat[at + 1] as number) + open
    flat[at + 2] = count + plans.length
    flat.splice(at + 3 + 2 * count, 0, ...entries)
  } else flat.push(position, open, plans.length, ...entries)
}

function report(hits: ReturnHit<CinTable>[], id: string, flat: Flat): void {
  for (let at = 0; at < flat.length;) {
    const open = flat[at + 1] as number
    const count = flat[at + 2] as number
    if (open >= 2) {
      for (let k = 0; k < count; k++) {
        const where: Located = { row: flat[at + 3 + 2 * k] as number }
        const line = flat[at + 4 + 2 * k] as number
        if (line >= 0) where.line = line
        hits.push(returnHit(id, 'CINplanDates', where, FIELDS))
      }
    }
    at += 3 + 2 * count
  }
}

export const rule4004: CinReturnRule = {
  code: '4004',
  type: 'error',
  message: 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanEndDate'] }],
  scope: 'return',
  begin() {
    // By identifier, then by the episode's position in its record (the DfE validators' CINdetailsID).
    const byChild = new Map<string, Flat>()
    const hits: ReturnHit<CinTable>[] = []
    return {
      see(child) {
        const id = child.LAchildID
        child.cinDetails.forEach((episode, position) => {
          if (episode.cinPlans.length === 0) return
          let open = 0
          for (const p of episode.cinPlans) if (p.CINPlanEndDate === null) open++
          if (id === null) {
            if (open >= 2)
              for (const p of episode.cinPlans) hits.push(returnHit(null, 'CINplanDates', p, FIELDS))
            return
          }
          let flat = byChild.get(id)
          if (!flat) byChild.set(id, (flat = []))
          add(flat, position, open, episode.cinPlans)
        })
      },
      finish() {
        for (const [id, flat] of byChild) report(hits, id, flat)
        return hits
      },
    }
  },
}
