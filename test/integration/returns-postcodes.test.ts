import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { command } from '../../src/cli/commands/reference.js'
import { CliError } from '../../src/cli/cli-error.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import {
  loadProviderFile,
  providerLookup,
  loadPostcodeFile,
  loadSyntheticPostcodesIfEmpty,
  postcodeLookup,
} from '../../src/modules/returns/ssda903/postcode-store.js'
import { PostcodeFileError } from '../../src/modules/returns/ssda903/postcode-directory.js'
import { openTestDatabase } from '../support/test-database.js'

let database: OpenDatabase
let dir: string

// A slice of a directory as the ONS publishes it: more columns than Haven reads, a county for
// two-tier areas (E99999999 where there is none), a postcode with no grid reference.
const ONSPD = [
  'pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,usertype,oseast1m,osnrth1m,osgrdind',
  'RM176AA,RM17 6AA,RM17 6AA,199801,,E99999999,E99999999,E06000034,E05002224,0,561000,178000,1',
  'RM176AB,RM17 6AB,RM17 6AB,199801,,E99999999,E99999999,E06000034,E05002224,0,561200,178400,1',
  'SS143AA,SS14 3AA,SS14 3AA,199801,,E10000012,E58000470,E07000066,E05004096,0,571500,189000,1',
  'SS143AB,SS14 3AB,SS14 3AB,199801,200512,E10000012,E58000470,E07000066,E05004096,0,,,9',
  'not a postcode,,,,,,,,,,,,',
].join('\r\n')

beforeAll(async () => {
  database = await openTestDatabase()
  dir = mkdtempSync(join(tmpdir(), 'haven-postcodes-'))
  writeFileSync(join(dir, 'onspd.csv'), ONSPD)
  writeFileSync(join(dir, 'header.csv'), 'CHILD,SEX,DOB\r\nC1,1,01/01/2015\r\n')
})
afterAll(async () => {
  await database.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the postcode reference', () => {
  it('loads the synthetic table on first run only', async () => {
    expect(await loadSyntheticPostcodesIfEmpty(database.db)).toBe(true)
    expect(await loadSyntheticPostcodesIfEmpty(database.db)).toBe(false)
    const found = await postcodeLookup(database.db)(new Set(['RM176', 'B231', 'ZZ11AA', 'ZZ19ZZ']))
    expect([...found.keys()].sort()).toEqual(['B231', 'RM176', 'ZZ11AA'])
    expect(found.get('RM176')?.la).toBe('E06000034')
  })

  it('loads the ONS directory: postcodes, their sectors, the upper-tier LA; the synthetic table goes', async () => {
    const progress: number[] = []
    const load = await loadPostcodeFile(database.db, join(dir, 'onspd.csv'), {
      onProgress: (n) => progress.push(n),
      progressEvery: 2,
    })
    // 258 synthetic rows (254 in the file, and the sectors of its four test postcodes), 2 written over.
    expect(load).toEqual({ written: 6, skipped: 1, removed: 256 })
    expect(progress.at(-1)).toBe(5)
    const found = await postcodeLookup(database.db)(new Set(['RM176AA', 'RM176', 'SS143', 'SS143AB', 'B231']))
    expect(Object.fromEntries(found)).toEqual({
      RM176AA: { easting: 561000, northing: 178000, la: 'E06000034' },
      RM176: { easting: 561100, northing: 178200, la: 'E06000034' },
      SS143: { easting: 571500, northing: 189000, la: 'E10000012' },
      SS143AB: { easting: null, northing: null, la: 'E10000012' },
    })
  })

  it('re-loads idempotently, removing postcodes gone from the directory', async () => {
    writeFileSync(join(dir, 'smaller.csv'), ONSPD.split('\r\n').slice(0, 3).join('\r\n'))
    const load = await loadPostcodeFile(database.db, join(dir, 'smaller.csv'))
    expect(load).toEqual({ written: 3, skipped: 0, removed: 3 })
    const count = await database.db
      .selectFrom('postcode')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(3)
  })

  it('refuses a file that is not a postcode directory', async () => {
    await expect(loadPostcodeFile(database.db, join(dir, 'header.csv'))).rejects.toThrow(PostcodeFileError)
  })
})

describe('haven reference load-postcodes', () => {
  it('loads a directory into the configured database, and refuses what is not one', async () => {
    vi.stubEnv('HAVEN_DATA_DIR', 'memory://')
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect(await command.run(['load-postcodes', join(dir, 'onspd.csv')])).toBe(0)
      expect(log.mock.calls.at(-1)?.[0]).toMatch(
        /^Loaded 6 postcodes and sectors from .*; 1 row was not a postcode/,
      )
      await expect(command.run(['load-postcodes', join(dir, 'header.csv')])).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining('this is not a postcode directory'),
      })
      await expect(command.run(['load-postcodes'])).rejects.toThrow(CliError)
    } finally {
      vi.unstubAllEnvs()
      vi.restoreAllMocks()
    }
  })
})

describe('the Ofsted provider list', () => {
  it('is absent until loaded, then answers for the URNs asked; a re-load replaces it', async () => {
    expect(await providerLookup(database.db)(new Set(['SC000001']))).toBeNull()
    const header = 'URN,POSTCODE,LA_CODE,REGISTERED,CLOSED,PLACE_CODES,PROVIDER_CODES'
    writeFileSync(
      join(dir, 'providers.csv'),
      [header, 'SC000001,RM17 6AA,E06000034,2019-04-01,,K2 R1,PR4', 'SC000002,,,,31/03/2026,U1,PR1'].join(
        '\r\n',
      ),
    )
    expect(await loadProviderFile(database.db, join(dir, 'providers.csv'))).toEqual({
      written: 2,
      removed: 0,
    })
    const found = await providerLookup(database.db)(new Set(['SC000001', 'SC999999']))
    expect(Object.fromEntries(found ?? [])).toEqual({
      SC000001: {
        urn: 'SC000001',
        postcode: 'RM176AA',
        la: 'E06000034',
        registered: '2019-04-01',
        closed: null,
        placeCodes: ['K2', 'R1'],
        providerCodes: ['PR4'],
      },
    })
    writeFileSync(join(dir, 'providers.csv'), [header, 'SC000002,,,,,U1,PR1'].join('\r\n'))
    expect(await loadProviderFile(database.db, join(dir, 'providers.csv'))).toEqual({
      written: 1,
      removed: 1,
    })
  })
})
