/**
 * The care module's SSDA903 OC3 and OC2 records (migration 0067) from what the population has
 * decided: each care leaver's contact around a birthday (`care_leaver_contact`), and for a child
 * looked after for the year its conviction or caution, substance misuse problem and reason for no
 * SDQ (`care_outcome`), each dated in the year. The health records OC2 also reads (assessments,
 * dental checks, immunisations, SDQ scores) are not written here.
 */
import { type IsoDate, addCalendarDays, addYears } from '../../platform/calendar/dates.js'
import { type Batch, type ChildState, at } from './load-batch.js'
import { type Random, streamFor, weighted } from './random.js'
import { insertRows } from './store.js'
import type { Db } from '../../platform/db/database.js'

const OFFENCES = weighted<string>([
  ['conviction', 55],
  ['youth_caution', 30],
  ['youth_conditional_caution', 15],
])

const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b)
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b)

export function addCareOutcomes(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const { child } = state
  if (child.dateOfBirth === null || child.care.length === 0) return
  const dob = child.dateOfBirth
  const random: Random = streamFor(ctx.seed, 'load', 'care-outcomes', child.laChildId, child.familyId)
  const by = ctx.setup.careManager
  const recorded = (day: IsoDate) => new Date(at(day, 1000))

  // Care leavers: in touch around the birthday (a few weeks either side, inside the DfE's window
  // of 3 months before to 1 month after), never before care ended nor after the last day.
  const careEnded = child.care.at(-1)?.end ?? null
  if (careEnded !== null)
    for (const c of child.careLeaver) {
      const from = later(addCalendarDays(c.birthday, -30), careEnded)
      const to = earlier(addCalendarDays(c.birthday, 20), ctx.end)
      if (from > to) continue
      const on = random.dateBetween(from, to)
      batch.careOutcomes.leaverContacts.push([
        state.personId,
        c.age,
        c.birthday,
        on,
        c.inTouch,
        c.activity,
        c.accommodation,
        by,
        recorded(on),
      ])
    }

  const h = child.health
  if (!h) return
  // The child's open period: the last row addCare wrote for them ([id, child, start, …]).
  const period = batch.care.periods.findLast((p) => p[1] === state.personId)
  if (period === undefined) return
  const yearStart = later(addCalendarDays(ctx.end, -364), period[2] as IsoDate)
  const outcome = (kind: string, from: IsoDate, code: string, to = ctx.end) => {
    if (from > to) return
    const on = random.dateBetween(from, to)
    batch.careOutcomes.outcomes.push([period[0] as number, state.personId, kind, on, code, by, recorded(on)])
  }
  if (h.convicted) outcome('offence', later(yearStart, addYears(dob, 10)), random.weighted(OFFENCES))
  if (h.substanceMisuse)
    outcome(
      'substance_misuse',
      yearStart,
      h.interventionReceived ? 'received' : h.interventionOffered ? 'offered' : 'none',
    )
  // SDQ1 (too young or too old) is worked out by the export; the others are recorded when the
  // questionnaire was due, in the first nine months of the year.
  if (h.sdqReason !== null && h.sdqReason !== 'SDQ1')
    outcome('sdq_reason', yearStart, h.sdqReason, addCalendarDays(ctx.end, -95))
}

export async function writeCareOutcomes(trx: Db, batch: Batch): Promise<void> {
  const c = batch.careOutcomes
  await insertRows(trx, {
    table: 'care_leaver_contact',
    withIds: false,
    columns: [
      'child_id',
      'age',
      'birthday',
      'contact_on',
      'in_touch',
      'activity',
      'accommodation',
      'recorded_by',
      'recorded_at',
    ],
    rows: c.leaverContacts,
  })
  await insertRows(trx, {
    table: 'care_outcome',
    withIds: false,
    columns: ['period_id', 'child_id', 'kind', 'occurred_on', 'code', 'recorded_by', 'recorded_at'],
    rows: c.outcomes,
  })
}
