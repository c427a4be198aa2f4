import { describe, expect, it } from 'vitest'
import { LONG_ANSWER_MAX } from '../../platform/http/form.js'
import {
  carriedSummary,
  objectiveFromOutcome,
  stepUpReason,
  stepUpSchema,
  type EpisodeSoFar,
} from './step-model.js'

const episode: EpisodeSoFar = {
  startedOn: '2026-10-05',
  teamName: 'Early help team',
  lead: { name: 'Sam Okoro', agency: 'education' },
  assessment: {
    needs: 'Routines in the morning',
    strengths: 'Loving mother',
    childVoice: 'Noah wants to be on time',
    completedOn: '2026-11-02',
  },
  objectives: [
    { objective: 'On time to school', measure: 'Mornings on time', start: 3, latest: 5, target: 8 },
    { objective: 'Health appointments kept', measure: 'Appointments', start: null, latest: null, target: 10 },
  ],
  interventions: [{ kind: 'Parenting support', planned: 6, delivered: 3, notAttended: 1 }],
  members: [{ name: 'Ann Lee', agency: 'Health visiting', role: 'Health visitor' }],
  meetings: [{ heldOn: '2026-10-20' }, { heldOn: '2026-11-24' }],
  // Alerts are sentences: the summary lists them without doubling their full stops.
  alerts: ['The lead professional did not attend the last meeting.', 'No meeting for 6 weeks.'],
}

describe('the episode carried by a step-up', () => {
  it('says who led it, what the assessment found, each objective’s scores and what was delivered', () => {
    const text = carriedSummary(episode)
    expect(text.split('\n')).toEqual([
      'Early help since 5 October 2026, held by Early help team; lead professional Sam Okoro (Education).',
      'Early help assessment completed on 2 November 2026.',
      'Needs: Routines in the morning',
      'Strengths: Loving mother',
      'The child’s voice: Noah wants to be on time',
      'Family plan (scores out of 10):',
      '- On time to school (Mornings on time): 3 at the start, 5 now, target 8.',
      '- Health appointments kept (Appointments): not scored, target 10.',
      'Interventions: Parenting support, 3 of 6 sessions delivered, 1 not attended.',
      'Team around the family: Ann Lee, Health visitor (Health visiting).',
      '2 team around the family meetings, the last on 24 November 2026.',
      'Alerts standing: The lead professional did not attend the last meeting; No meeting for 6 weeks.',
    ])
  })

  it('says what is missing: no lead, no assessment, no plan, no meeting', () => {
    const text = carriedSummary({
      ...episode,
      lead: null,
      assessment: null,
      objectives: [],
      interventions: [],
      members: [],
      meetings: [],
      alerts: [],
    })
    expect(text).toBe(
      [
        'Early help since 5 October 2026, held by Early help team; no lead professional allocated.',
        'Early help assessment: not started.',
        'Family plan: no objectives recorded.',
        'No team around the family meeting held.',
      ].join('\n'),
    )
  })

  it('keeps the contact’s reason within its limit, the practitioner’s words first', () => {
    const reason = stepUpReason('Bruise to the cheek.', 'x'.repeat(LONG_ANSWER_MAX))
    expect(reason).toHaveLength(LONG_ANSWER_MAX)
    expect(reason.startsWith('Bruise to the cheek.\n\nStepped up from early help.')).toBe(true)
    expect(stepUpReason('Why', 'So far')).toBe(
      'Why\n\nStepped up from early help. The episode so far:\nSo far',
    )
  })
})

describe('the step-up form', () => {
  it('needs what changed and the family’s consent, with a reason where consent was not sought', () => {
    const none = stepUpSchema.safeParse({})
    expect(none.success).toBe(false)
    expect(none.error?.issues.map((i) => i.path[0])).toEqual(['reason', 'consent'])
    const risk = stepUpSchema.safeParse({ reason: 'Bruise', consent: 'not_sought_risk', consentReason: ' ' })
    expect(risk.error?.issues.map((i) => i.message)).toEqual([
      'Enter why asking for consent would put the child at risk',
    ])
    expect(stepUpSchema.parse({ reason: ' Bruise ', consent: 'given' })).toEqual({
      reason: 'Bruise',
      consent: 'given',
      consentReason: null,
    })
    const long = stepUpSchema.safeParse({ reason: 'x'.repeat(LONG_ANSWER_MAX + 1), consent: 'given' })
    expect(long.error?.issues[0]?.message).toBe('What has changed must be 10,000 characters or fewer')
  })
})

describe('a step-down’s objectives', () => {
  it('carry each outcome of the child in need plan, with its actions delivered, to a target of 10', () => {
    expect(objectiveFromOutcome({ outcome: 'Attends school', actions: 3, delivered: 2 })).toEqual({
      objective: 'Attends school',
      measure: 'Carried from the child in need plan (2 of 3 actions delivered)',
      targetScore: 10,
    })
    expect(objectiveFromOutcome({ outcome: 'Safe at home', actions: 0, delivered: 0 }).measure).toBe(
      'Carried from the child in need plan',
    )
  })
})
