import { describe, expect, it } from 'vitest'
import { ProviderFileError, readProviderList } from './provider-list.js'
import { textChunks } from './text-source.js'

async function read(text: string) {
  const out = []
  for await (const batch of readProviderList(textChunks(text), { batchSize: 2 })) out.push(...batch)
  return out
}

describe('the provider list', () => {
  it('reads each setting, in any column order, with either date form', async () => {
    const csv = [
      'PLACE_CODES,URN,POSTCODE,LA_CODE,REGISTERED,CLOSED,PROVIDER_CODES',
      'K2 R1,SC000001,rm17 6aa,E06000034,2019-04-01,,PR4',
      'U1,sc000002,,,01/02/2020,31/03/2026,PR1 PR2',
      ',,,,,,',
      'H5,SC000003,SS14 3,E10000012,,,',
    ].join('\r\n')
    expect(await read(csv)).toEqual([
      {
        urn: 'SC000001',
        postcode: 'RM176AA',
        la: 'E06000034',
        registered: '2019-04-01',
        closed: null,
        placeCodes: ['K2', 'R1'],
        providerCodes: ['PR4'],
      },
      {
        urn: 'SC000002',
        postcode: null,
        la: null,
        registered: '2020-02-01',
        closed: '2026-03-31',
        placeCodes: ['U1'],
        providerCodes: ['PR1', 'PR2'],
      },
      {
        urn: 'SC000003',
        postcode: 'SS143',
        la: 'E10000012',
        registered: null,
        closed: null,
        placeCodes: ['H5'],
        providerCodes: [],
      },
    ])
  })

  it.each([
    ['a missing column', 'URN,POSTCODE\r\nSC1,RM17 6AA', /no LA_CODE, REGISTERED/],
    [
      'a bad date',
      'URN,POSTCODE,LA_CODE,REGISTERED,CLOSED,PLACE_CODES,PROVIDER_CODES\r\nSC1,,,2020-13,,,',
      /line 2: REGISTERED "2020-13"/,
    ],
    ['an empty file', '', /empty/],
  ])('refuses %s', async (_, csv, message) => {
    await expect(read(csv)).rejects.toThrow(ProviderFileError)
    await expect(read(csv)).rejects.toThrow(message)
  })
})
