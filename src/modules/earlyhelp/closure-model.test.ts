import { describe, expect, it } from 'vitest'
import { readClosureChecklist } from '../../platform/casework/closure.js'
import {
  ALREADY_AWAITING,
  authoriserRefusal,
  closureProblem,
  closureReasonText,
  EARLY_HELP_CLOSURE_REASONS,
  endedRefusal,
  readClosureReasons,
} from './closure-model.js'

const complete = {
  agency1: 'Oakfield Primary School',
  agencyAsked1: 'yes',
  agencyView1: 'Attendance is back to 96%; the school agrees early help can end.',
  outstandingConcerns: 'none',
  childVoice: 'recorded',
  childSaid: 'Mornings are better now.',
  consentWithdrawn: 'no',
  risksUnchanged: 'no',
}

describe('early help’s reasons for closing an episode', () => {
  it('offers each reason the brief names, with its own code the table accepts', () => {
    expect(EARLY_HELP_CLOSURE_REASONS.map((r) => r.code)).toEqual([
      'EH1',
      'EH2',
      'EH3',
      'EH4',
      'EH5',
      'EH6',
      'EH7',
    ])
    expect(EARLY_HELP_CLOSURE_REASONS.every((r) => /^EH[0-9]{1,2}$/.test(r.code))).toBe(true)
    expect(closureReasonText('EH3')).toBe('EH3: Stepped up to children’s social care')
    expect(closureReasonText('XX')).toBe('XX')
    expect(closureReasonText(null)).toBe('')
  })

  it('asks for more only about "another reason"', () => {
    expect(EARLY_HELP_CLOSURE_REASONS.filter((r) => r.detail).map((r) => r.code)).toEqual(['EH7'])
    const other = readClosureChecklist({ ...complete, closureReason: 'EH7' }, EARLY_HELP_CLOSURE_REASONS)
    expect(other.ok ? [] : other.issues.map((i) => i.field)).toEqual(['closureReasonDetail'])
    const met = readClosureChecklist({ ...complete, closureReason: 'EH1' }, EARLY_HELP_CLOSURE_REASONS)
    expect(met.ok).toBe(true)
  })

  it('refuses a reasons file with a repeated or badly formed code', () => {
    const file = (reasons: unknown[]) => ({ $comment: 'test', version: 1, reasons })
    expect(() =>
      readClosureReasons(
        file([
          { code: 'EH1', label: 'One' },
          { code: 'EH1', label: 'Again' },
        ]),
      ),
    ).toThrow(/own code/)
    expect(() => readClosureReasons(file([{ code: 'RC1', label: 'Social care' }]))).toThrow()
    expect(() => readClosureReasons(file([]))).toThrow()
  })
})

describe('who may close an episode, and when', () => {
  const open = { status: 'open' as const, team_id: 7, ended_on: null }

  it.each([
    [open, false, null],
    [{ ...open, status: 'awaiting_allocation' as const }, false, null],
    [open, true, ALREADY_AWAITING],
    [
      { ...open, status: 'ended' as const, ended_on: '2027-01-15' },
      false,
      'This early help episode ended on 15 January 2027: nothing more can be recorded on it.',
    ],
  ])('episode %o, a closure waiting %s: %s', (episode, awaiting, problem) => {
    expect(closureProblem(episode, awaiting)).toBe(problem)
  })

  it('says an ended episode takes no more records, with the day when known', () => {
    expect(endedRefusal('2027-03-05')).toBe(
      'This early help episode ended on 5 March 2027: nothing more can be recorded on it.',
    )
    expect(endedRefusal(null)).toBe('This early help episode ended: nothing more can be recorded on it.')
  })

  it.each([
    ['service_manager', [], true],
    ['team_manager', [7], true],
    ['team_manager', [8], false],
    ['team_manager', [], false],
    ['social_worker', [7], false],
    ['partner_practitioner', [], false],
  ] as const)('a %s managing teams %j authorises: %s', (role, managed, may) => {
    expect(authoriserRefusal({ team_id: 7 }, { role, managedTeamIds: managed }) === null).toBe(may)
  })
})
