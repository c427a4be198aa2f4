/**
 * `loadAuthority()`: the synthetic authority (population.ts) written into Haven's database, as a
 * front door and children's services would have recorded it — staff in teams, partner agencies,
 * families with parents, siblings and addresses, a year of contacts with each child's triage and
 * decision, referrals allocated to workers (with the access grants that follow), and the case
 * events of assessments, enquiries, plans and care, with the statutory clocks' tasks they give.
 *
 * Set-based: rows are built in memory a batch of families at a time and written with multi-row
 * inserts, one transaction per batch. Ids of the rows that others point at (people, contacts,
 * referrals, case events) are taken from their sequences up front, with the tables locked against
 * other writers for the batch, so a whole batch is linked in memory and each table is written in
 * a few statements. Tasks come from evaluating the clocks in memory over the batch's events, as
 * `refreshTasks` would have written them one event at a time.
 *
 * Deterministic: the same seed, size and `asOf` into databases holding the same rows give the
 * same rows. Nothing reads the clock but the default `asOf`.
 */
import { recordAudit } from '../../platform/audit/audit.js'
import { loadClockSettings } from '../../platform/calendar/store.js'
import { addCalendarDays, londonDate } from '../../platform/calendar/dates.js'
import type { Db } from '../../platform/db/database.js'

import { buildWorkforce, generateFamilies, type Family } from './population.js'
import { BATCH_CHILDREN, Batch, IN_NEED_SHARE, type LoadContext, MINUTE, yearEnding } from './load-batch.js'
import { type Setup, writeSetup } from './load-setup.js'
import { addFamily } from './load-family.js'
import { contactTogether, families, openContacts } from './load-sources.js'
import { taskRows } from './load-tasks.js'
import {
  heldNhsNumbers,
  settleIdRanges,
  syntheticAuthorityPresent,
  takeIdRanges,
  writeBatch,
} from './store.js'

export { FIRST_SYNTHETIC_USERNAME, syntheticAuthorityPresent } from './store.js'

export interface LoadOptions {
  seed: string
  /** Child person records wanted (Thurrock: about 42,000). */
  children: number
  /** The moment the history runs up to (default now): everything loaded happened before it. */
  asOf?: Date
  onProgress?: (message: string) => void
}

export interface LoadCounts {
  teams: number
  staff: number
  agencies: number
  children: number
  adults: number
  addresses: number
  relationships: number
  contacts: number
  contactChildren: number
  openContactChildren: number
  agencyChecks: number
  referrals: number
  reReferrals: number
  openReferrals: number
  grants: number
  caseEvents: number
  tasks: number
  openTasks: number
}

export interface LoadSummary {
  seed: string
  children: number
  /** The `asOf` instant, ISO 8601. */
  asOf: string
  counts: LoadCounts
  milliseconds: number
}

export class SyntheticAuthorityExistsError extends Error {
  constructor() {
    super('This database already holds a synthetic authority: load into an empty database')
    this.name = 'SyntheticAuthorityExistsError'
  }
}

export async function loadAuthority(db: Db, options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now()
  const { seed } = options
  const wanted = options.children
  if (!Number.isInteger(wanted) || wanted < 0) throw new RangeError('children must be a whole number')
  const asOf = options.asOf ?? new Date()
  const progress = options.onProgress ?? (() => {})
  if (await syntheticAuthorityPresent(db)) throw new SyntheticAuthorityExistsError()

  const asOfMs = asOf.getTime()
  const end = addCalendarDays(londonDate(asOfMs), -1)
  const inNeed = Math.max(1, Math.round(wanted * IN_NEED_SHARE))
  const year = yearEnding(end)
  const workforce = buildWorkforce({ seed, children: inNeed })
  const clocks = await loadClockSettings(db)
  const existing = await heldNhsNumbers(db)

  const current: Family[] = []
  let currentChildren = 0
  for (const family of generateFamilies({ seed, children: inNeed, year }, workforce)) {
    if (currentChildren >= wanted) break
    contactTogether(seed, family, 'y0')
    current.push(family)
    currentChildren += family.children.length
  }
  const ctx: LoadContext = {
    seed,
    setup: undefined as unknown as Setup,
    end,
    asOfMs,
    capMs: asOfMs - MINUTE,
    usedNhs: new Set(existing),
    openContacts: openContacts(seed, current, end),
  }
  ctx.setup = await db.transaction().execute((trx) => writeSetup(trx, seed, workforce))

  const counts: LoadCounts = {
    ...ctx.setup.counts,
    children: 0,
    adults: 0,
    addresses: 0,
    relationships: 0,
    contacts: 0,
    contactChildren: 0,
    openContactChildren: 0,
    agencyChecks: 0,
    referrals: 0,
    reReferrals: 0,
    openReferrals: 0,
    grants: 0,
    caseEvents: 0,
    tasks: 0,
    openTasks: 0,
  }
  const source = families(seed, end, workforce, current)
  let done = false
  while (!done && counts.children < wanted) {
    await db.transaction().execute(async (trx) => {
      const ids = await takeIdRanges(trx)
      const batch = new Batch(ids, ctx)
      let inBatch = 0
      while (inBatch < BATCH_CHILDREN && counts.children + inBatch < wanted) {
        const next = source.next()
        if (next.done) {
          done = true
          break
        }
        const { family, key } = next.value
        const take = Math.min(family.children.length, wanted - counts.children - inBatch)
        addFamily(batch, family, key, counts.children + inBatch, take)
        inBatch += take
      }
      const tasks = taskRows(batch, clocks)
      await writeBatch(trx, batch, tasks.rows)
      await settleIdRanges(trx, ids)
      counts.children += inBatch
      counts.adults += batch.adults
      counts.addresses += batch.addresses.length
      counts.relationships += batch.relationships.length
      counts.contacts += batch.contacts.length
      counts.contactChildren += batch.contactChildren.length
      counts.openContactChildren += batch.openContactChildren
      counts.agencyChecks += batch.agencyChecks.length
      counts.referrals += batch.referrals.length
      counts.reReferrals += batch.reReferrals
      counts.openReferrals += batch.openReferrals
      counts.grants += batch.grants.length
      counts.caseEvents += batch.events.length
      counts.tasks += tasks.rows.length
      counts.openTasks += tasks.open
    })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    progress(
      `${counts.children.toLocaleString('en-GB')} of ${wanted.toLocaleString('en-GB')} children loaded (${seconds} s)`,
    )
  }

  const milliseconds = Math.round(performance.now() - started)
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      { userId: null, username: 'synth-load', requestId: null },
      {
        action: 'synth.load',
        outcome: 'allowed',
        detail: { seed, children: wanted, asOf: asOf.toISOString(), counts, milliseconds },
      },
    ),
  )
  return { seed, children: wanted, asOf: asOf.toISOString(), counts, milliseconds }
}
