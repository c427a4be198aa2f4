import { describe, expect, it } from 'vitest'
import { staffSchema } from './organisation-model.js'

describe('a social worker’s registration number', () => {
  const read = (swRegistration: string | undefined) =>
    staffSchema.safeParse({
      teamId: '',
      agencyId: '',
      jobTitle: '',
      ...(swRegistration === undefined ? {} : { swRegistration }),
    })

  it.each([
    ['SW123456', 'SW123456'],
    [' sw 123456 ', 'SW123456'],
    ['SW9', 'SW9'],
    ['', null],
    [undefined, null],
  ])('reads %j', (given, expected) => {
    const r = read(given)
    expect(r.success && r.data.swRegistration).toBe(expected)
  })

  it.each(['123456', 'XX123', 'SW', 'SW12345678901', 'SW12A'])('refuses %j', (given) => {
    const r = read(given)
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toBe(
      'Enter the registration number as SW followed by numbers, like SW123456',
    )
  })
})
