import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { answersChosen, dateBoxes, withReveals, type Reveal } from './revealed.js'

const REVEALS: readonly Reveal[] = [
  { name: 'contact', value: 'phone', fields: ['phone'] },
  { name: 'contact', value: ['email', 'both'], fields: ['email'] },
  { name: 'contact', value: 'both', fields: ['phone'] },
  { name: 'extras', value: 'visit', fields: dateBoxes('visit') },
]

describe('answers under a choice', () => {
  it.each<[string, Record<string, string | string[]>, string[]]>([
    ['the phone choice keeps the phone', { contact: 'phone', phone: '1', email: 'e' }, ['contact', 'phone']],
    ['a choice listed among several', { contact: 'email', phone: '1', email: 'e' }, ['contact', 'email']],
    ['a field under two choices', { contact: 'both', phone: '1', email: 'e' }, ['contact', 'phone', 'email']],
    ['no choice keeps no revealed field', { phone: '1', email: 'e', note: 'n' }, ['note']],
    ['an unknown choice keeps none either', { contact: 'fax', phone: '1' }, ['contact']],
    [
      'a ticked checkbox among several keeps its date',
      { extras: ['call', 'visit'], 'visit-day': '1', 'visit-month': '2', 'visit-year': '2027' },
      ['extras', 'visit-day', 'visit-month', 'visit-year'],
    ],
    ['an unticked checkbox drops its date', { extras: ['call'], 'visit-day': '1' }, ['extras']],
  ])('%s', (_case, answers, kept) => {
    expect(Object.keys(answersChosen(answers, REVEALS) as object)).toEqual(kept)
  })

  it('passes anything that is not a form through for the schema to refuse', () => {
    for (const odd of [null, 'text', ['a']]) expect(answersChosen(odd, REVEALS)).toBe(odd)
  })

  it('checks a revealed answer only when its choice is made', () => {
    const schema = withReveals(
      [{ name: 'contact', value: 'phone', fields: ['phone'] }],
      z.object({
        contact: z.enum(['phone', 'post']),
        phone: z.string().max(5, 'Phone number must be 5 characters or fewer').optional(),
      }),
    )
    expect(schema.safeParse({ contact: 'phone', phone: '123456' }).success).toBe(false)
    expect(schema.parse({ contact: 'post', phone: '123456' })).toEqual({ contact: 'post' })
    expect(schema.parse({ contact: 'phone', phone: '12345' })).toEqual({ contact: 'phone', phone: '12345' })
  })
})
