/** Which families the loader takes, in what order, and which of their contacts are still open. */
import { type IsoDate, addCalendarDays, ageOn } from '../../platform/calendar/dates.js'

import { generateFamilies, type Contact, type Family, type Workforce } from './population.js'
import { streamFor } from './random.js'
import { REFERRAL_DECISIONS, referralsOfContacts, yearEnding } from './load-batch.js'

export interface Source {
  family: Family
  key: string
  historic: boolean
}

/**
 * This year's families (children in need, children whose contacts went no further, care
 * leavers), then families known from contacts in the three years before, until `children` child
 * records. Earlier families are those whose children only ever had contacts and are under 18 now.
 */
export function* families(
  seed: string,
  end: IsoDate,
  workforce: Workforce,
  current: Family[],
): Generator<Source> {
  for (const family of current) yield { family, key: `y0-${family.index}`, historic: false }
  const earlier = [1, 2, 3].map((g) => ({
    g,
    it: generateFamilies(
      {
        seed: `${seed}/earlier-${g}`,
        children: Number.MAX_SAFE_INTEGER,
        year: yearEnding(addCalendarDays(end, -365 * g)),
        careLeavers: false,
      },
      workforce,
    ),
  }))
  for (let i = 0; ; i++) {
    const { g, it } = earlier[i % 3] as (typeof earlier)[number]
    const next = it.next()
    if (next.done) return
    const family = next.value
    const fits = family.children.every(
      (c) => c.cohort === 'contact-only' && c.dateOfBirth !== null && ageOn(c.dateOfBirth, end) < 18,
    )
    if (!fits) continue
    contactTogether(seed, family, `y${g}`)
    yield { family, key: `y${g}-${family.index}`, historic: true }
  }
}

/**
 * A school or the police worried about one child of a household usually names them all: most
 * brothers and sisters whose contacts went no further share their eldest sibling's first contact.
 */
export function contactTogether(seed: string, family: Family, key: string): void {
  const eldest = family.children[0]
  const first = eldest?.contacts[0]
  if (eldest === undefined || first === undefined || eldest.cohort !== 'contact-only') return
  const random = streamFor(seed, 'load', 'together', key, family.index)
  for (const child of family.children.slice(1)) {
    const own = child.contacts[0]
    if (child.cohort !== 'contact-only' || own === undefined || !random.chance(0.65)) continue
    own.receivedOn = first.receivedOn
    own.decidedOn = first.decidedOn
    own.source = first.source
    own.rag = first.rag
  }
}

/**
 * Marks in `open` a family's contacts not yet decided at `asOf` (most of the last two days', and
 * any whose decision fell after it); gives how many, and adds to `recent` (when given) the
 * decided contacts of the last 60 days, which a small authority may hold open as well.
 */
function markOpenContacts(
  seed: string,
  family: Family,
  end: IsoDate,
  open: WeakSet<Contact>,
  recent?: Contact[],
): number {
  let count = 0
  const from = addCalendarDays(end, -1)
  const random = streamFor(seed, 'load', 'open', family.index)
  for (const child of family.children) {
    const matched = referralsOfContacts(child)
    for (const c of child.contacts) {
      if (REFERRAL_DECISIONS.has(c.decision)) {
        // A referral contact whose referral came after `asOf` is still being decided.
        if (!matched.has(c) && c.receivedOn >= addCalendarDays(end, -10)) {
          open.add(c)
          count++
        }
      } else if (c.decision !== 'to-allocated-worker') {
        if (c.receivedOn >= from && random.chance(0.75)) {
          open.add(c)
          count++
        } else if (c.receivedOn >= addCalendarDays(end, -60)) recent?.push(c)
      }
    }
  }
  return count
}

/** Contacts not yet decided at `asOf`: most of the last two days', and any whose decision fell after it. */
export function openContacts(seed: string, current: Family[], end: IsoDate): WeakSet<Contact> {
  const open = new WeakSet<Contact>()
  const recent: Contact[] = []
  let count = 0
  for (const family of current) count += markOpenContacts(seed, family, end, open, recent)
  // A small authority still has a few contacts waiting in the MASH queue.
  recent.sort((a, b) => (a.receivedOn > b.receivedOn ? -1 : a.receivedOn < b.receivedOn ? 1 : 0))
  for (const c of recent) {
    if (count >= 3) break
    open.add(c)
    count++
  }
  return open
}

/**
 * England-sized loads (`inNeedOnly`): this year's families of children in need (and care
 * leavers), no contact-only children and no earlier years', generated as they are loaded so the
 * authority is never held in memory whole. Each family's open contacts are marked in `open` as it
 * is generated (no small authority's top-up: an authority this size has plenty waiting).
 */
export function* familiesInNeed(
  seed: string,
  end: IsoDate,
  workforce: Workforce,
  inNeed: number,
  open: WeakSet<Contact>,
): Generator<Source> {
  const year = yearEnding(end)
  for (const family of generateFamilies({ seed, children: inNeed, year, contactOnly: false }, workforce)) {
    markOpenContacts(seed, family, end, open)
    yield { family, key: `y0-${family.index}`, historic: false }
  }
}

// ---------------------------------------------------------------------------------------------
// The load
