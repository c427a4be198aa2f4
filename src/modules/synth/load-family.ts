/** A family's people: children and parents, their addresses and relationships. */
import { addDolos } from './load-care-dolo.js'
import { type IsoDate, addCalendarDays } from '../../platform/calendar/dates.js'

import { STREETS, TOWNS } from './frontdoor-text.js'
import { makeUpn } from './identifiers.js'
import { type Family } from './population.js'
import { streamFor } from './random.js'
import { Batch, type ChildState, LA_CODE, uniqueNhs } from './load-batch.js'
import { planContacts, writeContacts } from './load-contacts.js'
import { addReferrals } from './load-referrals.js'
import { addCare, addMissing, addProceedings, writeGrants } from './load-care.js'
import { addCareOutcomes } from './load-care-outcomes.js'

/** Where the family lives, and since when: every member gets the same address. */
interface Home {
  line1: string
  town: string
  postcode: string
  movedIn: IsoDate
}

export function addFamily(
  batch: Batch,
  family: Family,
  familyKey: string,
  firstChildIndex: number,
  take: number,
): void {
  const { ctx } = batch
  const random = streamFor(ctx.seed, 'load', 'family', familyKey)
  const children = family.children.slice(0, take)
  const district = family.postcode.slice(0, family.postcode.indexOf(' '))
  const town = TOWNS[district] ?? 'Grays'
  const line1 = `${random.int(1, 180)} ${random.pick(STREETS)}`
  const dobs = children.map((c) => c.dateOfBirth).filter((d): d is IsoDate => d !== null)
  const oldest = dobs.length ? dobs.reduce((a, b) => (a < b ? a : b)) : addCalendarDays(ctx.end, -200)
  const movedIn = addCalendarDays(oldest, -random.int(0, 900))
  const home: Home = { line1, town, postcode: family.postcode, movedIn }

  const states = addChildren(batch, children, firstChildIndex, home)
  const adults = addAdults(batch, family, home)
  relateFamily(batch, states, adults, movedIn)

  // Referrals first (contacts routed to an allocated worker need to know who held the case).
  const plans = planContacts(batch, states, familyKey)
  for (const state of states) addReferrals(batch, state, plans)
  writeContacts(batch, plans, familyKey)
  for (const state of states) {
    addCare(batch, state)
    addMissing(batch, state)
    addDolos(batch, state)
    addProceedings(batch, state)
    addCareOutcomes(batch, state)
    writeGrants(batch, state)
  }
}

function addChildren(
  batch: Batch,
  children: Family['children'],
  firstChildIndex: number,
  home: Home,
): ChildState[] {
  const { ctx } = batch
  const states: ChildState[] = []
  children.forEach((child, i) => {
    const personId = batch.ids.person.take()
    const index = firstChildIndex + i
    const born = child.dateOfBirth
    const upn = child.upn === null ? null : makeUpn(LA_CODE, Number(child.upn.slice(8, 10)), index)
    batch.persons.push([
      personId,
      `${LA_CODE}C${String(index + 1).padStart(8, '0')}`,
      born === null ? 'unborn' : 'child',
      child.givenName,
      child.familyName,
      born,
      born === null ? child.expectedDateOfBirth : null,
      child.sex,
      child.ethnicity,
      child.disabilities,
      uniqueNhs(ctx, child.nhsNumber),
      upn,
      upn === null ? (born === null ? null : child.upnUnknown) : null,
      child.dateOfDeath,
    ])
    batch.addresses.push([
      personId,
      home.line1,
      home.town,
      home.postcode,
      born !== null && born > home.movedIn ? born : home.movedIn,
    ])
    const state: ChildState = { personId, child, segments: [] }
    states.push(state)
    batch.children.push(state)
  })
  return states
}

interface AdultMember {
  id: number
  role: string
}

function addAdults(batch: Batch, family: Family, home: Home): AdultMember[] {
  const adults: AdultMember[] = []
  for (const adult of family.adults) {
    const id = batch.ids.person.take()
    batch.adults++
    batch.persons.push([
      id,
      null,
      'adult',
      adult.givenName,
      adult.familyName,
      adult.dateOfBirth,
      null,
      adult.sex,
      null,
      [],
      null,
      null,
      null,
      null,
    ])
    batch.addresses.push([id, home.line1, home.town, home.postcode, home.movedIn])
    adults.push({ id, role: adult.role })
  }
  return adults
}

/** Parents to each other and to each child, and the children to one another. */
function relateFamily(batch: Batch, states: ChildState[], adults: AdultMember[], movedIn: IsoDate): void {
  const mother = adults.find((a) => a.role === 'mother')
  for (const a of adults) {
    if (a !== mother && mother !== undefined && (a.role === 'father' || a.role === 'step-parent'))
      batch.relationships.push([a.id, mother.id, 'partner', true, movedIn])
    for (const s of states) {
      const type =
        a.role === 'mother'
          ? 'mother'
          : a.role === 'father'
            ? 'father'
            : a.role === 'step-parent'
              ? 'step_parent'
              : 'grandparent'
      batch.relationships.push([a.id, s.personId, type, a.role !== 'grandparent', s.child.dateOfBirth])
    }
  }
  for (let i = 0; i < states.length; i++)
    for (let j = i + 1; j < states.length; j++)
      batch.relationships.push([
        (states[i] as ChildState).personId,
        (states[j] as ChildState).personId,
        'sibling',
        true,
        null,
      ])
}
