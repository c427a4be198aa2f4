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
import { recordAudit, recordAuditAlone } from '../../platform/audit/audit.js'
import { loadClockSettings } from '../../platform/calendar/store.js'
import { addCalendarDays, londonDate } from '../../platform/calendar/dates.js'
import type { Db } from '../../platform/db/database.js'

import { buildWorkforce, generateFamilies, type Contact, type Family } from './population.js'
import { BATCH_CHILDREN, Batch, IN_NEED_SHARE, type LoadContext, MINUTE, yearEnding } from './load-batch.js'
import { readSetup, type Setup, writeSetup } from './load-setup.js'
import { addFamily } from './load-family.js'
import { contactTogether, families, familiesInNeed, openContacts, type Source } from './load-sources.js'
import { addCaseNotes } from './load-notes.js'
import { addEarlyHelp } from './load-earlyhelp.js'
import { taskRows } from './load-tasks.js'
import {
  type BatchMark,
  heldNhsNumbers,
  type IdTable,
  lastBatchMark,
  nextIds,
  settleIdRanges,
  syntheticAuthorityPresent,
  syntheticLoadDone,
  takeIdRanges,
  writeBatch,
} from './store.js'

export { FIRST_SYNTHETIC_USERNAME, syntheticAuthorityPresent, syntheticLoadDone } from './store.js'

export interface LoadOptions {
  seed: string
  /** Child person records wanted (Thurrock: about 42,000). */
  children: number
  /** The moment the history runs up to (default now): everything loaded happened before it. */
  asOf?: Date
  onProgress?: (message: string) => void
  /** Children per batch, one transaction each (BATCH_CHILDREN; tests take small ones). */
  batchChildren?: number
  /**
   * Finish a load of the same seed and size that was stopped between batches (with the stopped
   * load's `asOf` and batch size), rather than refusing a database that holds part of one.
   */
  resume?: boolean
  /**
   * Awaited after each batch commits, with the children loaded so far: a load in the background
   * yields here to the requests waiting for the database, and stops by throwing.
   */
  afterBatch?: (loaded: number, wanted: number) => Promise<void>
  /**
   * England-sized loads: `children` is then the children in need in the year, and only their
   * families are loaded (with care leavers; no children whose contacts went no further, no
   * earlier years' families), generated batch by batch so the authority is never held in memory
   * whole. For the returns at scale (bench/returns-cin-export.ts).
   */
  inNeedOnly?: boolean
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
  /** Open contact children with a recommendation waiting for a manager. */
  awaitingAuthorisation: number
  recommendations: number
  agencyChecks: number
  referrals: number
  reReferrals: number
  openReferrals: number
  strategyDiscussions: number
  grants: number
  caseNotes: number
  oversightRecords: number
  /** Periods of care (care_period rows) and their episodes. */
  carePeriods: number
  careEpisodes: number
  /** Early help episodes taken up from the front door's decisions, and decisions still waiting. */
  earlyHelpEpisodes: number
  earlyHelpWaiting: number
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

/** Which families make up the next batch: the same ones however often the load is resumed. */
interface BatchPlan {
  parts: { family: Family; key: string; firstChildIndex: number; take: number }[]
  children: number
  /** The families ran out. */
  done: boolean
}

function planBatch(
  source: Iterator<{ family: Family; key: string }>,
  loaded: number,
  wanted: number,
  batchChildren: number,
): BatchPlan {
  const plan: BatchPlan = { parts: [], children: 0, done: false }
  while (plan.children < batchChildren && loaded + plan.children < wanted) {
    const next = source.next()
    if (next.done) {
      plan.done = true
      break
    }
    const { family, key } = next.value
    const take = Math.min(family.children.length, wanted - loaded - plan.children)
    plan.parts.push({ family, key, firstChildIndex: loaded + plan.children, take })
    plan.children += take
  }
  return plan
}

function noCounts(): LoadCounts {
  return {
    teams: 0,
    staff: 0,
    agencies: 0,
    children: 0,
    adults: 0,
    addresses: 0,
    relationships: 0,
    contacts: 0,
    contactChildren: 0,
    openContactChildren: 0,
    awaitingAuthorisation: 0,
    recommendations: 0,
    agencyChecks: 0,
    referrals: 0,
    reReferrals: 0,
    openReferrals: 0,
    strategyDiscussions: 0,
    grants: 0,
    caseNotes: 0,
    oversightRecords: 0,
    carePeriods: 0,
    careEpisodes: 0,
    earlyHelpEpisodes: 0,
    earlyHelpWaiting: 0,
    caseEvents: 0,
    tasks: 0,
    openTasks: 0,
  }
}

function addCounts(
  counts: LoadCounts,
  batch: Batch,
  children: number,
  tasks: { rows: unknown[]; open: number },
) {
  counts.children += children
  counts.adults += batch.adults
  counts.addresses += batch.addresses.length
  counts.relationships += batch.relationships.length
  counts.contacts += batch.contacts.length
  counts.contactChildren += batch.contactChildren.length
  counts.openContactChildren += batch.openContactChildren
  counts.awaitingAuthorisation += batch.awaitingAuthorisation
  counts.recommendations += batch.recommendations.length
  counts.agencyChecks += batch.agencyChecks.length
  counts.referrals += batch.referrals.length
  counts.reReferrals += batch.reReferrals
  counts.openReferrals += batch.openReferrals
  counts.strategyDiscussions += batch.strategyDiscussions.length
  counts.grants += batch.grants.length
  counts.caseNotes += batch.notes.notes.length
  counts.oversightRecords += batch.notes.oversight.length
  counts.carePeriods += batch.care.periods.length
  counts.careEpisodes += batch.care.episodes.length
  counts.earlyHelpEpisodes += batch.earlyHelp.episodes.length
  counts.earlyHelpWaiting += batch.earlyHelp.waiting
  counts.caseEvents += batch.events.length
  counts.tasks += tasks.rows.length
  counts.openTasks += tasks.open
}

const LOADER = { userId: null, username: 'synth-load', requestId: null }

/**
 * The last batch of a stopped load to resume from, or undefined for a database without a
 * synthetic authority. Refuses one holding a finished authority, or part of another load.
 */
async function resumePoint(db: Db, options: LoadOptions): Promise<BatchMark | undefined> {
  if (!(await syntheticAuthorityPresent(db))) return undefined
  const mark = options.resume ? await lastBatchMark(db) : undefined
  const same = mark !== undefined && mark.seed === options.seed && mark.children === options.children
  if (same && !(await syntheticLoadDone(db))) return mark
  throw new SyntheticAuthorityExistsError()
}

export async function loadAuthority(db: Db, options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now()
  const { seed } = options
  if (!Number.isInteger(options.children) || options.children < 0)
    throw new RangeError('children must be a whole number')
  // Child records wanted; loading only children in need, as many as their families hold.
  const wanted = options.inNeedOnly ? Number.MAX_SAFE_INTEGER : options.children
  const ofWanted = options.inNeedOnly
    ? `children (the families of ${options.children.toLocaleString('en-GB')} in need)`
    : `of ${wanted.toLocaleString('en-GB')} children`
  const progress = options.onProgress ?? (() => {})
  const mark = await resumePoint(db, options)
  const asOf = mark ? new Date(mark.asOf) : (options.asOf ?? new Date())
  const batchChildren = mark?.batchChildren ?? options.batchChildren ?? BATCH_CHILDREN

  const asOfMs = asOf.getTime()
  const end = addCalendarDays(londonDate(asOfMs), -1)
  const inNeed = options.inNeedOnly ? options.children : Math.max(1, Math.round(wanted * IN_NEED_SHARE))
  const year = yearEnding(end)
  const workforce = buildWorkforce({ seed, children: inNeed })
  const clocks = await loadClockSettings(db)
  // Resuming, the numbers the written batches took are held already, as they would be in memory
  // had the load not stopped.
  const existing = await heldNhsNumbers(db)

  let open = new WeakSet<Contact>()
  let source: Iterator<Source>
  if (options.inNeedOnly) {
    source = familiesInNeed(seed, end, workforce, inNeed, open)
  } else {
    const current: Family[] = []
    let currentChildren = 0
    for (const family of generateFamilies({ seed, children: inNeed, year }, workforce)) {
      if (currentChildren >= wanted) break
      contactTogether(seed, family, 'y0')
      current.push(family)
      currentChildren += family.children.length
      // Seconds of generating: a load behind a listening server lets its requests in meanwhile.
      if (current.length % 50 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    open = openContacts(seed, current, end)
    source = families(seed, end, workforce, current)
  }
  const ctx: LoadContext = {
    seed,
    setup: undefined as unknown as Setup,
    end,
    asOfMs,
    capMs: asOfMs - MINUTE,
    usedNhs: new Set(existing),
    openContacts: open,
  }
  const counts: LoadCounts = { ...noCounts(), ...mark?.counts }
  let batchNumber = mark?.batch ?? 0
  let resumeAt = mark?.nextIds as Record<IdTable, number> | undefined
  if (mark) {
    ctx.setup = await db.transaction().execute((trx) => readSetup(trx, seed, workforce))
    // Past the families the written batches hold, planned as they were planned then.
    let skipped = 0
    for (let b = 0; b < mark.batch; b++) skipped += planBatch(source, skipped, wanted, batchChildren).children
    if (skipped !== counts.children) throw new Error('The stopped synthetic load does not match this one')
    progress(`Resuming at ${counts.children.toLocaleString('en-GB')} ${ofWanted}`)
  }

  let done = false
  while (!done && counts.children < wanted) {
    const plan = planBatch(source, counts.children, wanted, batchChildren)
    done = plan.done
    batchNumber += 1
    await db.transaction().execute(async (trx) => {
      // The setup goes in with the first batch, so a load stopped before it committed left nothing.
      if (batchNumber === 1) {
        ctx.setup = await writeSetup(trx, seed, workforce)
        Object.assign(counts, ctx.setup.counts)
      }
      const ids = await takeIdRanges(trx, resumeAt)
      const batch = new Batch(ids, ctx)
      for (const p of plan.parts) addFamily(batch, p.family, p.key, p.firstChildIndex, p.take)
      // After every family: the notes' and oversight's ids and events follow the batch's others.
      // England-sized loads are for the returns, which read neither (nor does the benchmark's
      // copy of one, bench/replicate-authority.ts, copy their tables).
      if (!options.inNeedOnly) {
        addCaseNotes(batch, clocks)
        // Then the front door's decisions of early help taken up (their events and grants after the notes').
        addEarlyHelp(batch)
      }
      const tasks = taskRows(batch, clocks)
      await writeBatch(trx, batch, tasks.rows)
      await settleIdRanges(trx, ids)
      addCounts(counts, batch, plan.children, tasks)
      const mark: BatchMark = {
        seed,
        children: options.children,
        asOf: asOf.toISOString(),
        batchChildren,
        batch: batchNumber,
        counts: { ...counts },
        nextIds: nextIds(ids),
      }
      await recordAudit(trx, LOADER, { action: 'synth.load.batch', outcome: 'allowed', detail: { ...mark } })
    })
    resumeAt = undefined
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    progress(`${counts.children.toLocaleString('en-GB')} ${ofWanted} loaded (${seconds} s)`)
    await options.afterBatch?.(counts.children, options.children)
  }

  const milliseconds = Math.round(performance.now() - started)
  await recordAuditAlone(db, LOADER, {
    action: 'synth.load',
    outcome: 'allowed',
    detail: { seed, children: options.children, asOf: asOf.toISOString(), counts, milliseconds },
  })
  return { seed, children: options.children, asOf: asOf.toISOString(), counts, milliseconds }
}
