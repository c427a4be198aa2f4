import { describe, expect, it } from 'vitest'
import { birthSituation, missingSections, sectionsFor, type AssessmentAnswers } from './model.js'
import { prebirthPrompt, type HistoryItem, type Relative } from './prebirth-model.js'

const mother: Relative = { id: 1, name: 'Sophie Marsh', relation: 'parent', restricted: false, mayView: true }
const brother: Relative = { id: 2, name: 'Leo Marsh', relation: 'sibling', restricted: false, mayView: false }
const hidden: Relative = { id: 3, name: 'Kit Marsh', relation: 'sibling', restricted: true, mayView: false }
const opened: Relative = { id: 4, name: 'Ava Marsh', relation: 'sibling', restricted: true, mayView: true }

const plan: HistoryItem = { personId: 2, kind: 'cp_plan', id: 70, date: '2024-05-01', endDate: '2025-01-10' }
const referral: HistoryItem = { personId: 1, kind: 'referral', id: 80, date: '2010-03-02', nfa: false }
const nfa: HistoryItem = { personId: 2, kind: 'referral', id: 81, date: '2024-05-01', nfa: true }
const secret: HistoryItem = { personId: 3, kind: 's47', id: 90, date: '2026-01-05' }
const seen: HistoryItem = { personId: 4, kind: 'assessment', id: 91, date: '2025-06-01' }

const unborn = { kind: 'unborn' as const, assessed: false }

describe('the pre-birth prompt', () => {
  it.each([
    ['an unborn child whose mother was referred', unborn, [mother], [referral], 1],
    ['a child already born', { kind: 'child' as const, assessed: false }, [mother], [referral], null],
    ['an unborn child already being assessed', { ...unborn, assessed: true }, [mother], [referral], null],
    ['no history in the family', unborn, [mother, brother], [], null],
    ['history of someone not in the family', unborn, [brother], [referral], null],
    ['a restricted brother the viewer may not open: left out', unborn, [hidden], [secret], null],
    ['a restricted sister the viewer may open: listed', unborn, [opened], [seen], 1],
  ])('%s', (_name, child, relatives, history, lines) => {
    const prompt = prebirthPrompt(child, relatives, history)
    expect(prompt === null ? null : prompt.lines.length).toBe(lines)
  })

  it('lists who, what and when, newest first, linking only what the viewer may open', () => {
    const prompt = prebirthPrompt(
      unborn,
      [mother, brother, hidden, opened],
      [referral, nfa, plan, secret, seen],
    )
    expect(prompt?.lines).toEqual([
      {
        personId: 4,
        who: 'Ava Marsh',
        relation: 'Brother or sister',
        what: 'Child and family assessment',
        when: '2025-06-01',
        href: '/children/4/assessments/91',
      },
      // The same day: the plan before the referral.
      {
        personId: 2,
        who: 'Leo Marsh',
        relation: 'Brother or sister',
        what: 'Child protection plan (ended)',
        when: '2024-05-01',
        href: null,
      },
      {
        personId: 2,
        who: 'Leo Marsh',
        relation: 'Brother or sister',
        what: 'Referral (no further action)',
        when: '2024-05-01',
        href: null,
      },
      {
        personId: 1,
        who: 'Sophie Marsh',
        relation: 'Parent',
        what: 'Referral',
        when: '2010-03-02',
        href: '/referrals/80',
      },
    ])
  })

  it('links each kind of record to its own page', () => {
    const items: HistoryItem[] = [
      { personId: 1, kind: 'cp_plan', id: 5, date: '2024-01-04', endDate: null },
      { personId: 1, kind: 's47', id: 6, date: '2024-01-03' },
    ]
    expect(prebirthPrompt(unborn, [mother], items)?.lines.map((l) => [l.what, l.href])).toEqual([
      ['Child protection plan (open)', '/cp-plans/5'],
      ['Section 47 enquiry', '/s47-enquiries/6'],
    ])
  })
})

describe('a pre-birth assessment', () => {
  const answers: AssessmentAnswers = {
    seen_on: null,
    seen_alone: null,
    not_seen_alone_reason: null,
    wishes_and_feelings: 'Both parents want the baby home and have a cot ready.',
    factors: ['2B'],
    primary_need: 'N1',
    analysis: 'Father’s drug use is the risk.',
    outcome: 'cin_plan',
  }

  it.each([
    [
      'unborn, started before birth',
      { kind: 'unborn' as const, date_of_birth: null },
      '2026-01-05',
      true,
      true,
    ],
    [
      'born after the start',
      { kind: 'child' as const, date_of_birth: '2026-02-01' },
      '2026-01-05',
      true,
      false,
    ],
    [
      'started on the day of birth',
      { kind: 'child' as const, date_of_birth: '2026-01-05' },
      '2026-01-05',
      false,
      false,
    ],
    [
      'a child born long before',
      { kind: 'child' as const, date_of_birth: '2016-05-01' },
      '2026-01-05',
      false,
      false,
    ],
  ])('%s', (_name, child, startedOn, preBirth, unbornNow) => {
    expect(birthSituation(child, startedOn)).toEqual({ preBirth, unborn: unbornNow })
  })

  it('asks no child seen before the birth, and the parents’ views in place of wishes and feelings', () => {
    const before = { preBirth: true, unborn: true }
    expect(sectionsFor(before).map((s) => s.code)).toEqual([
      'wishes',
      'factors',
      'need',
      'analysis',
      'outcome',
    ])
    expect(sectionsFor(before)[0]?.title).toBe('The parents’ views and the baby’s needs')
    expect(missingSections(answers, before)).toEqual([])
  })

  it('asks for the baby to be seen once born during the assessment', () => {
    const after = { preBirth: true, unborn: false }
    expect(missingSections(answers, after).map((s) => s.title)).toEqual(['The baby seen'])
    expect(missingSections(answers).map((s) => s.title)).toEqual(['The child seen'])
  })
})
