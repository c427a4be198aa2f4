/** Who is a care leaver the SSDA903 asks about, which birthdays, the contact's window and its codes. */
import { describe, expect, it } from 'vitest'
import {
  contactWindow,
  leaverBirthdays,
  leaverContactRefusal,
  leaverContactSchema,
  leaverContactWords,
  leaverStatus,
  recordableBirthdays,
  type CareSpan,
} from './leavers-model.js'

const DOB = '2008-06-15'
// 14th birthday 15 June 2022; 16th 15 June 2024.
const span = (start: string, end: string | null, legalStatus = 'V2'): CareSpan => ({
  start,
  end,
  legalStatus,
})

describe('who is a care leaver (relevant or former relevant: rules 1001, 1000, 1011)', () => {
  it('needs 13 weeks (91 days) looked after since the 14th birthday, some after the 16th', () => {
    // Ending 91 days after a start the day before the 16th birthday: 91 days in all, 90 since the 16th.
    expect(leaverStatus(DOB, [span('2024-06-14', '2024-09-13')], 'E4A')).toEqual({ leaver: true })
    expect(leaverStatus(DOB, [span('2024-06-14', '2024-09-12')], 'E4A')).toEqual({
      leaver: false,
      why: 'too_short',
    })
    // A year looked after from 14 that ended on the 16th birthday: nothing after it.
    expect(leaverStatus(DOB, [span('2023-06-15', '2024-06-15')], 'E4A')).toEqual({
      leaver: false,
      why: 'too_short',
    })
    expect(leaverStatus(DOB, [span('2023-06-15', '2024-06-16')], 'E4A')).toEqual({ leaver: true })
  })

  it('counts time before the 14th birthday not at all, and short breaks (V3, V4) not at all', () => {
    expect(
      leaverStatus(DOB, [span('2015-01-01', '2022-06-20'), span('2024-06-14', '2024-06-20')], 'E4A'),
    ).toEqual({ leaver: false, why: 'too_short' })
    expect(leaverStatus(DOB, [span('2024-06-01', '2024-12-01', 'V3')], 'E4A')).toEqual({
      leaver: false,
      why: 'too_short',
    })
    // Episodes add up across periods.
    expect(
      leaverStatus(DOB, [span('2022-07-01', '2022-09-01'), span('2024-06-01', '2024-07-01')], 'E13'),
    ).toEqual({
      leaver: true,
    })
  })

  it('is not a young person still looked after, adopted, died in care or taken over by another authority', () => {
    expect(leaverStatus(DOB, [span('2023-01-01', null)], null)).toEqual({
      leaver: false,
      why: 'looked_after',
    })
    expect(leaverStatus(DOB, [], null)).toEqual({ leaver: false, why: 'never' })
    expect(leaverStatus(null, [span('2023-01-01', '2025-01-01')], 'E5')).toEqual({
      leaver: false,
      why: 'no_birth_date',
    })
    for (const rec of ['E11', 'E12', 'E2', 'E3'])
      expect(leaverStatus(DOB, [span('2023-01-01', '2025-01-01')], rec).leaver, rec).toBe(false)
  })
})

describe('the birthdays asked about (rules 1007, 1016)', () => {
  it('asks about a birthday only when care ended before it', () => {
    const days = leaverBirthdays(DOB, '2025-06-14')
    expect(days.map((b) => [b.age, b.birthday, b.asked])).toEqual([
      [17, '2025-06-15', true],
      [18, '2026-06-15', true],
      [19, '2027-06-15', true],
      [20, '2028-06-15', true],
      [21, '2029-06-15', true],
    ])
    // Left care on the 17th birthday: still looked after on it.
    expect(leaverBirthdays(DOB, '2025-06-15')[0]?.asked).toBe(false)
    // Left at 18 (the birthday itself): asked from the 19th.
    expect(leaverBirthdays(DOB, '2026-06-15').map((b) => b.asked)).toEqual([false, false, true, true, true])
  })

  it('has a window from 3 months before to 1 month after the birthday, open from its first day', () => {
    expect(contactWindow('2027-06-15')).toEqual({ from: '2027-03-15', to: '2027-07-15' })
    const days = leaverBirthdays(DOB, '2026-06-15')
    expect(recordableBirthdays(days, '2027-03-14')).toEqual([])
    expect(recordableBirthdays(days, '2027-03-15').map((b) => b.age)).toEqual([19])
  })

  it('refuses a contact outside the window, before care ended, or about a birthday not asked', () => {
    const days = leaverBirthdays(DOB, '2026-06-15')
    const contact = { age: 19, contactOn: '2027-03-15', inTouch: 'NO', activity: '0', accommodation: '0' }
    const s = { birthdays: days, careEnded: '2026-06-15' }
    expect(leaverContactRefusal(contact, s)).toBeNull()
    expect(leaverContactRefusal({ ...contact, contactOn: '2027-07-15' }, s)).toBeNull()
    expect(leaverContactRefusal({ ...contact, contactOn: '2027-03-14' }, s)?.message).toBe(
      'The date must be from 15 March 2027 to 15 July 2027: 3 months before to 1 month after the 19th birthday',
    )
    expect(leaverContactRefusal({ ...contact, contactOn: '2027-07-16' }, s)?.field).toBe('contact-day')
    expect(leaverContactRefusal({ ...contact, age: 18, contactOn: '2026-06-15' }, s)?.field).toBe('age')
    const early = { birthdays: leaverBirthdays(DOB, '2025-05-01'), careEnded: '2025-05-01' }
    expect(leaverContactRefusal({ ...contact, age: 17, contactOn: '2025-04-30' }, early)?.message).toBe(
      'The date must be on or after 1 May 2025, when care ended',
    )
  })
})

describe('the 903’s other rules on a care leaver’s record', () => {
  const s = { birthdays: leaverBirthdays(DOB, '2025-05-01'), careEnded: '2025-05-01' }
  const contact = { age: 17, contactOn: '2025-06-01', inTouch: 'YES', activity: 'F2', accommodation: 'Z1' }

  it('refuses former foster carers at 17, not at 18 (rule 3001)', () => {
    expect(leaverContactRefusal(contact, s)?.field).toBe('accommodation')
    expect(leaverContactRefusal({ ...contact, accommodation: 'B1' }, s)).toBeNull()
    expect(leaverContactRefusal({ ...contact, age: 18, contactOn: '2026-06-01' }, s)).toBeNull()
  })

  it('keeps a young person recorded as having died so at later birthdays (rule 348)', () => {
    const later = {
      ...contact,
      age: 19,
      contactOn: '2027-06-01',
      inTouch: 'NO',
      activity: '0',
      accommodation: '0',
    }
    const earlier = [{ age: 18, inTouch: 'DIED' }]
    expect(leaverContactRefusal(later, { ...s, earlier })?.message).toBe(
      'The young person was recorded as having died at their 18th birthday',
    )
    expect(leaverContactRefusal({ ...later, inTouch: 'DIED' }, { ...s, earlier })).toBeNull()
    expect(leaverContactRefusal({ ...later, age: 18, contactOn: '2026-06-01' }, { ...s, earlier })).toBeNull()
  })
})

describe('the form (IN_TOUCH, ACTIV, ACCOM as rules 131–133, 344, 345 and 153 have them)', () => {
  const now = new Date('2027-05-01T12:00:00Z')
  const base = { age: '19', 'contact-day': '20', 'contact-month': '4', 'contact-year': '2027' }
  const parse = (v: Record<string, string>) => leaverContactSchema(now).safeParse(v)
  const messages = (v: Record<string, string>) => {
    const r = parse(v)
    return r.success ? [] : r.error.issues.map((i) => i.message)
  }

  it('keeps activity and accommodation for a young person in touch, with suitability as the digit', () => {
    const r = parse({ ...base, inTouch: 'YES', activity: 'F5', accommodation: 'U', suitable: 'yes' })
    expect(r.success && r.data).toEqual({
      age: 19,
      contactOn: '2027-04-20',
      inTouch: 'YES',
      activity: 'F5',
      accommodation: 'U1',
    })
    const z = parse({ ...base, inTouch: 'YES', activity: 'G5', accommodation: 'Z', suitable: 'no' })
    expect(z.success && z.data.accommodation).toBe('Z2')
  })

  it('writes 0 and 0 when not in touch, whatever else was sent', () => {
    for (const inTouch of ['NO', 'REFU', 'NREQ', 'RHOM', 'DIED']) {
      const r = parse({ ...base, inTouch, activity: 'F5', accommodation: 'U', suitable: 'yes' })
      expect(r.success && [r.data.activity, r.data.accommodation], inTouch).toEqual(['0', '0'])
    }
  })

  it('refuses codes not on the lists, a missing answer, and S or X as suitable (only S2 and X2 exist)', () => {
    expect(messages({ ...base, inTouch: 'MAYBE' })).toEqual([
      'Select whether you were in touch with the young person',
    ])
    expect(
      messages({ ...base, inTouch: 'YES', activity: 'F3', accommodation: 'A', suitable: 'yes' }),
    ).toEqual(['Select what the young person is doing', 'Select where the young person lives'])
    expect(messages({ ...base, inTouch: 'YES', activity: 'F1', accommodation: 'U' })).toEqual([
      'Select whether the accommodation is suitable',
    ])
    expect(
      messages({ ...base, inTouch: 'YES', activity: 'F1', accommodation: 'S', suitable: 'yes' }),
    ).toEqual(['No fixed abode or homeless is never counted as suitable accommodation'])
    const x = parse({ ...base, inTouch: 'YES', activity: 'G5', accommodation: 'X', suitable: 'no' })
    expect(x.success && x.data.accommodation).toBe('X2')
    expect(messages({ ...base, age: '16', inTouch: 'NO' })).toEqual([
      'Select the birthday this contact is about',
    ])
    expect(messages({ age: '19', inTouch: 'NO' })).toEqual(['Enter the date of the contact'])
    expect(messages({ ...base, 'contact-day': '2', 'contact-month': '5', inTouch: 'NO' })).toEqual([
      'The date of the contact must be today or in the past',
    ])
  })

  it('reads in words', () => {
    expect(leaverContactWords({ age: 19, inTouch: 'YES', activity: 'F5', accommodation: 'U1' })).toBe(
      '19th birthday: in touch; full-time employment; independent living (suitable)',
    )
    expect(leaverContactWords({ age: 21, inTouch: 'REFU', activity: '0', accommodation: '0' })).toBe(
      '21st birthday: the young person refuses contact',
    )
  })
})
