import { describe, expect, it } from 'vitest'
import {
  duplicateCandidates,
  householdMembers,
  linkProblem,
  mayExclude,
  type HouseholdFacts,
  type LinkableContact,
} from './household-model.js'

const facts = (over: Partial<HouseholdFacts>): HouseholdFacts => ({
  childId: 1,
  today: '2026-12-04',
  relationships: [],
  sameContact: [],
  sameAddress: [],
  excluded: [],
  ...over,
})

describe('who counts as the household at triage', () => {
  it('counts a child on the same contact, with no relationship recorded (Ava and Leo)', () => {
    const [ava] = householdMembers(facts({ sameContact: [2] }))
    expect(ava).toMatchObject({ personId: 2, bases: ['same_contact'], ended: false, householdMember: true })
  })

  it('counts people at the same address, and never the child itself', () => {
    const members = householdMembers(facts({ sameAddress: [1, 3], sameContact: [1] }))
    expect(members.map((m) => m.personId)).toEqual([3])
    expect(members[0]?.bases).toEqual(['same_address'])
  })

  it('keeps a former partner, marked as ended', () => {
    const [former] = householdMembers(
      facts({
        relationships: [
          { personId: 4, relationshipType: 'partner', householdMember: true, toDate: '2026-06-30' },
        ],
      }),
    )
    expect(former).toMatchObject({
      personId: 4,
      ended: true,
      relationshipType: 'partner',
      householdMember: false,
    })
  })

  it('a relationship ending today is not yet ended', () => {
    const [m] = householdMembers(
      facts({
        relationships: [
          { personId: 4, relationshipType: 'partner', householdMember: true, toDate: '2026-12-04' },
        ],
      }),
    )
    expect(m?.ended).toBe(false)
  })

  it('a current relationship names the member over an ended one', () => {
    const [m] = householdMembers(
      facts({
        relationships: [
          { personId: 5, relationshipType: 'partner', householdMember: false, toDate: '2025-01-01' },
          { personId: 5, relationshipType: 'carer', householdMember: true, toDate: null },
        ],
      }),
    )
    expect(m).toMatchObject({ relationshipType: 'carer', ended: false, householdMember: true })
  })

  it('leaves out a presumed member the screener said is not of this household', () => {
    expect(householdMembers(facts({ sameAddress: [6], excluded: [6] }))).toEqual([])
  })

  it('keeps a recorded relationship even when excluded, for the record is where it is changed', () => {
    const members = householdMembers(
      facts({
        relationships: [{ personId: 7, relationshipType: 'sibling', householdMember: true, toDate: null }],
        sameAddress: [7],
        excluded: [7],
      }),
    )
    expect(members).toEqual([
      {
        personId: 7,
        bases: ['relationship'],
        relationshipType: 'sibling',
        householdMember: true,
        ended: false,
      },
    ])
    expect(mayExclude(members[0]!)).toBe(false)
    expect(mayExclude({ bases: ['relationship', 'same_address'] })).toBe(true)
  })
})

const open = (over: Partial<LinkableContact>): LinkableContact => ({
  id: 10,
  contactId: 100,
  childId: 1,
  status: 'in_triage',
  linkedToId: null,
  linkedHere: 0,
  ...over,
})

describe('which contacts may be linked as duplicates', () => {
  const first = open({ id: 20, contactId: 200 })

  it('links a second open contact about the same child', () => {
    expect(linkProblem(open({}), first)).toBeNull()
  })

  it('refuses another child, or a child not yet found', () => {
    expect(linkProblem(open({ childId: 2 }), first)).toMatch(/same child/)
    expect(linkProblem(open({ childId: null, status: 'awaiting_match' }), first)).toMatch(/same child/)
  })

  it('refuses a contact no longer open, on either side', () => {
    expect(linkProblem(open({}), { ...first, status: 'decided' })).toMatch(/open in triage/)
    expect(linkProblem(open({ status: 'routed_to_allocated_worker' }), first)).toMatch(/open in triage/)
  })

  it('refuses a contact already linked, a link to a linked one, and a chain', () => {
    expect(linkProblem(open({ linkedToId: 30 }), first)).toMatch(/already linked/)
    expect(linkProblem(open({}), { ...first, linkedToId: 30 })).toMatch(/itself linked/)
    expect(linkProblem(open({ linkedHere: 1 }), first)).toMatch(/Other contacts are linked/)
    expect(linkProblem(first, first)).toMatch(/itself/)
  })

  it('offers the earliest open contact first', () => {
    const later = { ...first, id: 21, receivedAt: new Date('2026-12-04T10:00:00Z') }
    const earlier = { ...first, id: 22, receivedAt: new Date('2026-12-03T10:00:00Z') }
    const closed = {
      ...first,
      id: 23,
      status: 'decided' as const,
      receivedAt: new Date('2026-12-01T10:00:00Z'),
    }
    expect(duplicateCandidates(open({}), [later, closed, earlier]).map((c) => c.id)).toEqual([22, 21])
  })
})
