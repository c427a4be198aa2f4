import { describe, expect, it } from 'vitest'
import { resultFor } from './service.js'
import type { FoundPerson } from './store.js'

const found = (change: Partial<FoundPerson>): FoundPerson => ({
  id: 7,
  kind: 'child',
  given_name: 'Amelia',
  family_name: 'Okonjo',
  date_of_birth: '2019-03-04',
  expected_birth_date: null,
  sex: 'F',
  restricted: false,
  visible: true,
  postcode: 'RM17 6SL',
  address_confidential: false,
  ...change,
})

// SEC-07: what a search shows of each child, written out in full so any extra field fails.
describe('what a search result shows', () => {
  it.each<[string, Partial<FoundPerson>, unknown]>([
    [
      'a record the searcher may view, in full with its id for the link',
      {},
      {
        level: 'full',
        id: 7,
        name: 'Amelia Okonjo',
        dateOfBirth: '2019-03-04',
        expected: false,
        sex: 'F',
        postcode: 'RM17 6SL',
        addressConfidential: false,
      },
    ],
    [
      'a restricted record the searcher may view, in full',
      { restricted: true },
      {
        level: 'full',
        id: 7,
        name: 'Amelia Okonjo',
        dateOfBirth: '2019-03-04',
        expected: false,
        sex: 'F',
        postcode: 'RM17 6SL',
        addressConfidential: false,
      },
    ],
    [
      'a record the searcher may view whose current address is confidential: no postcode, said so',
      { postcode: null, address_confidential: true },
      {
        level: 'full',
        id: 7,
        name: 'Amelia Okonjo',
        dateOfBirth: '2019-03-04',
        expected: false,
        sex: 'F',
        postcode: null,
        addressConfidential: true,
      },
    ],
    [
      'a record the searcher may not view: name and date of birth, and its number only to ask for emergency access; no address',
      { visible: false },
      { level: 'summary', id: 7, name: 'Amelia Okonjo', dateOfBirth: '2019-03-04', expected: false },
    ],
    [
      'a restricted record the searcher may not view: the name alone (and the number, for emergency access)',
      { visible: false, restricted: true },
      { level: 'name_only', id: 7, name: 'Amelia Okonjo' },
    ],
    [
      'an unborn child: the expected date, marked as expected',
      { kind: 'unborn', date_of_birth: null, expected_birth_date: '2027-02-01', visible: false },
      { level: 'summary', id: 7, name: 'Amelia Okonjo', dateOfBirth: '2027-02-01', expected: true },
    ],
  ])('%s', (_case, change, expected) => {
    expect(resultFor(found(change))).toEqual(expected)
  })
})
