import { describe, expect, it } from 'vitest'
import {
  checklistAnswers,
  checklistRows,
  closureChecklistSchema,
  readClosureChecklist,
  REFERRAL_PROMPT,
  referralPrompted,
  type ClosureReason,
} from './closure.js'

const REASONS: ClosureReason[] = [
  { code: 'RC7', label: 'Services ceased for any other reason' },
  { code: 'RC8', label: 'Case closed after assessment, no further action' },
  { code: 'X9', label: 'Other', detail: true },
]

/** A complete checklist: one agency asked, no concerns, the child heard, consent kept. */
const complete = {
  agency1: 'Oakfield Primary School',
  agencyAsked1: 'yes',
  agencyView1: 'Attendance is good and the school agrees the case can close.',
  outstandingConcerns: 'none',
  childVoice: 'recorded',
  childSaid: 'She likes living with her mum and wants the visits to stop.',
  closureReason: 'RC7',
  consentWithdrawn: 'no',
  risksUnchanged: 'no',
}

const issuesOf = (answers: Record<string, string>) => {
  const read = readClosureChecklist(answers, REASONS)
  return read.ok ? [] : read.issues
}

describe('the closure checklist', () => {
  it('reads a complete checklist', () => {
    const read = readClosureChecklist(complete, REASONS)
    expect(read).toEqual({
      ok: true,
      checklist: {
        agencies: [
          {
            agency: 'Oakfield Primary School',
            asked: true,
            view: 'Attendance is good and the school agrees the case can close.',
          },
        ],
        concerns: [],
        childVoice: { recorded: true, said: 'She likes living with her mum and wants the visits to stop.' },
        reasonCode: 'RC7',
        reasonDetail: null,
        consentWithdrawn: false,
        risksUnchanged: false,
        referral: null,
      },
    })
  })

  it('gives each missing item its own message on its own field', () => {
    expect(issuesOf({})).toEqual([
      {
        field: 'agencies',
        message: 'Enter at least one agency’s view of closing the case, or why it was not asked',
      },
      { field: 'outstandingConcerns', message: 'Select whether any concerns are outstanding' },
      { field: 'childVoice', message: 'Select whether the child’s views are recorded' },
      { field: 'closureReason', message: 'Select the reason for closing the case' },
      { field: 'consentWithdrawn', message: 'Select whether the family withdrew their consent' },
      { field: 'risksUnchanged', message: 'Select whether the risks to the child are unchanged' },
    ])
  })

  it.each([
    [
      { agencyAsked1: 'no', agencyWhyNot1: '', agency1: 'Health visiting' },
      'agencyWhyNot1',
      'Enter why Health visiting was not asked for its view',
    ],
    [
      { agencyAsked1: 'yes', agencyView1: '' },
      'agencyView1',
      'Enter what Oakfield Primary School said about closing the case',
    ],
    [{ agency1: '', agencyAsked1: 'yes' }, 'agency1', 'Enter the name of agency 1'],
    [{ agencyAsked1: '' }, 'agencyAsked1', 'Select whether Oakfield Primary School was asked for its view'],
    [{ outstandingConcerns: 'some' }, 'concern1', 'Enter each outstanding concern and how it is addressed'],
    [
      { outstandingConcerns: 'some', concern2: 'Nursery attendance' },
      'concernAddressed2',
      'Enter how outstanding concern 2 is addressed after the case closes',
    ],
    [{ childSaid: '' }, 'childSaid', 'Enter what the child said about their life and the case closing'],
    [{ childVoice: 'not_recorded' }, 'voiceNotReason', 'Select why the child’s views are not recorded'],
    [
      { childVoice: 'not_recorded', voiceNotReason: 'other' },
      'voiceNotDetail',
      'Enter why the child’s views are not recorded',
    ],
    [{ closureReason: 'RC1' }, 'closureReason', 'Select the reason for closing the case'],
  ])('refuses %o on %s', (change, field, message) => {
    expect(issuesOf({ ...complete, ...change })).toEqual([{ field, message }])
  })

  it('records a child too young to give views as such, with no detail needed', () => {
    const read = readClosureChecklist(
      { ...complete, childVoice: 'not_recorded', voiceNotReason: 'too_young', childSaid: 'ignored' },
      REASONS,
    )
    expect(read.ok && read.checklist.childVoice).toEqual({
      recorded: false,
      reason: 'too_young',
      detail: null,
    })
  })

  it('keeps agencies not asked with why, and concerns with how they are addressed; skips empty rows', () => {
    const read = readClosureChecklist(
      {
        ...complete,
        agency3: 'Health visiting',
        agencyAsked3: 'no',
        agencyWhyNot3: 'No health visitor since the family moved',
        outstandingConcerns: 'some',
        concern2: 'Cuts to the forehead, explanations differ',
        concernAddressed2: 'School nurse to see him weekly',
      },
      REASONS,
    )
    expect(read.ok && read.checklist.agencies.map((a) => a.agency)).toEqual([
      'Oakfield Primary School',
      'Health visiting',
    ])
    expect(read.ok && read.checklist.concerns).toEqual([
      { concern: 'Cuts to the forehead, explanations differ', addressed: 'School nurse to see him weekly' },
    ])
  })

  describe('consent withdrawn with the risks unchanged', () => {
    const withdrawn = { ...complete, consentWithdrawn: 'yes', risksUnchanged: 'yes' }
    it('cannot proceed until the referral is recorded as made or why not', () => {
      expect(issuesOf(withdrawn)).toEqual([{ field: 'referralMade', message: REFERRAL_PROMPT }])
      expect(issuesOf({ ...withdrawn, referralMade: 'yes' })).toEqual([
        { field: 'referralDetail', message: 'Enter when the referral was made and to whom' },
      ])
      expect(issuesOf({ ...withdrawn, referralMade: 'no' })).toEqual([
        { field: 'referralWhyNot', message: 'Enter why no referral to the front door was made' },
      ])
      const read = readClosureChecklist(
        { ...withdrawn, referralMade: 'yes', referralDetail: 'Contact made to the MASH on 3 March' },
        REASONS,
      )
      expect(read.ok && read.checklist.referral).toEqual({
        made: true,
        detail: 'Contact made to the MASH on 3 March',
      })
      expect(read.ok && referralPrompted(read.checklist)).toBe(true)
    })

    it.each([
      ['yes', 'no'],
      ['no', 'yes'],
      ['no', 'no'],
    ])('does not ask when consent withdrawn is %s and risks unchanged %s (an answer is not kept)', (c, r) => {
      const read = readClosureChecklist(
        { ...complete, consentWithdrawn: c, risksUnchanged: r, referralMade: 'no', referralWhyNot: 'x' },
        REASONS,
      )
      expect(read.ok && read.checklist.referral).toBeNull()
      expect(read.ok && referralPrompted(read.checklist)).toBe(false)
    })
  })

  it('takes a long answer up to the limit and refuses one beyond it', () => {
    expect(issuesOf({ ...complete, childSaid: 'a'.repeat(10_000) })).toEqual([])
    expect(issuesOf({ ...complete, childSaid: 'a'.repeat(10_001) })).toEqual([
      { field: 'childSaid', message: 'What the child said must be 10,000 characters or fewer' },
    ])
  })

  it('as a schema, puts each problem on its field; round trips through the answers; reads as rows', () => {
    const parsed = closureChecklistSchema(REASONS).safeParse({ ...complete, childVoice: '' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['childVoice']])
    const read = readClosureChecklist(complete, REASONS)
    if (!read.ok) throw new Error('complete')
    expect(readClosureChecklist(checklistAnswers(read.checklist), REASONS)).toEqual(read)
    expect(checklistRows(read.checklist, REASONS)).toContainEqual({
      key: 'Reason for closure',
      value: 'RC7: Services ceased for any other reason',
    })
  })

  it('asks for more about a reason that needs it ("Other"), and shows it with the reason', () => {
    expect(issuesOf({ ...complete, closureReason: 'X9' })).toEqual([
      { field: 'closureReasonDetail', message: 'Enter more about the reason: Other' },
    ])
    const read = readClosureChecklist(
      { ...complete, closureReason: 'X9', closureReasonDetail: 'Went to live with an aunt abroad' },
      REASONS,
    )
    if (!read.ok) throw new Error('complete')
    expect(read.checklist.reasonDetail).toBe('Went to live with an aunt abroad')
    expect(checklistRows(read.checklist, REASONS)).toContainEqual({
      key: 'Reason for closure',
      value: 'X9: Other. Went to live with an aunt abroad',
    })
    expect(readClosureChecklist(checklistAnswers(read.checklist), REASONS)).toEqual(read)
    // A reason without detail ignores a detail left in the form.
    const plain = readClosureChecklist({ ...complete, closureReasonDetail: 'left over' }, REASONS)
    expect(plain.ok && plain.checklist.reasonDetail).toBe(null)
  })
})
