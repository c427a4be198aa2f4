/** Name keys and matching, and their agreement with the SQL functions in migration 0004. */
import fs from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { accentPairs, matchName, nameKey, soundKey, splitNameQuery } from './matching.js'

describe('name keys', () => {
  it.each([
    ["O'Brien", 'obrien'],
    ['Smith-Jones', 'smithjones'],
    ['Zoë', 'zoe'],
    ['ŁUKASZ', 'lukasz'],
    ['Ngozi  Adébáyọ̀', 'ngoziadebayo'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key)
  })

  it.each([
    ['Smith', 'Smyth', true],
    ['Catherine', 'Kathryn', true],
    ['Mohammed', 'Muhammad', true],
    ['Philip', 'Filip', true],
    ['Smith', 'Jones', false],
    ['Anna', 'Hannah', false],
  ])('%s sounds like %s: %s', (a, b, same) => {
    expect(soundKey(a) === soundKey(b)).toBe(same)
  })

  it('uses the same letters as haven_name_key in migration 0004', () => {
    const sqlText = fs.readFileSync(
      new URL('../../platform/db/migrations/0004_people.sql', import.meta.url),
      'utf8',
    )
    const { from, to } = accentPairs()
    expect(sqlText).toContain(`'${from}'`)
    expect(sqlText).toContain(`'${to}'`)
    expect([...from].length).toBe([...to].length)
  })

  it('property: a key is stable and has only a–z', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const k = nameKey(s)
        expect(k).toMatch(/^[a-z]*$/)
        expect(nameKey(k)).toBe(k)
      }),
    )
  })
})

describe('matching a name', () => {
  const main = { givenName: 'Amelia', familyName: "O'Connor" }
  const others = [{ givenName: 'Millie', familyName: 'Smith' }]
  it.each([
    ['Amelia OConnor', 'exact'],
    ['amelia o connor', 'exact'],
    ["Amelia O'Conor", 'sounds_like'],
    ['OConnor Amelia', 'transposed'],
    ['Millie Smyth', 'other_name'],
    ['OConnor', 'exact'],
    ['Amelia', 'exact'],
    ['Amelia Jones', null],
    ['Bob', null],
    ['', null],
  ])('%s → %s', (query, expected) => {
    expect(matchName(query, main, others)).toBe(expected)
  })

  it('splits a search into a given and a family name', () => {
    expect(splitNameQuery(' Amelia  Smith Jones ')).toEqual({ given: 'Amelia', family: 'Smith Jones' })
    expect(splitNameQuery('Smith')).toEqual({ given: null, family: 'Smith' })
    expect(splitNameQuery(" ' - ")).toBeNull()
  })
})
