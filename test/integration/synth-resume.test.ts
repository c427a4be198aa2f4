/**
 * A synthetic load stopped part way (between batches, or in the middle of one, which leaves the
 * sequences advanced) and started again finishes with the same rows as a load that never
 * stopped: nothing twice, no half-written family. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loadAuthority,
  SyntheticAuthorityExistsError,
  type LoadSummary,
} from '../../src/modules/synth/load.js'
import { takeIdRanges } from '../../src/modules/synth/store.js'
import { syncClockDefinitions } from '../../src/platform/calendar/store.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { checksums } from '../support/synth-checksums.js'
import { openTestDatabase } from '../support/test-database.js'

const OPTIONS = { seed: 'synth-resume-test', children: 200, batchChildren: 50 }
const AS_OF = new Date('2026-11-23T11:30:00Z')

class Stopped extends Error {}

async function openEmpty(): Promise<OpenDatabase> {
  const database = await openTestDatabase()
  await syncClockDefinitions(database.db)
  return database
}

describe('resuming a stopped synthetic load', () => {
  let whole: { database: OpenDatabase; summary: LoadSummary }
  let resumed: OpenDatabase

  beforeAll(async () => {
    const database = await openEmpty()
    whole = { database, summary: await loadAuthority(database.db, { ...OPTIONS, asOf: AS_OF }) }
    resumed = await openEmpty()
  }, 180_000)

  afterAll(async () => {
    await whole.database.close()
    await resumed.close()
  })

  it('gives the rows of a load that never stopped', async () => {
    const { db } = resumed
    const stop = async (loaded: number) => {
      if (loaded >= 100) throw new Stopped()
    }
    await expect(loadAuthority(db, { ...OPTIONS, asOf: AS_OF, afterBatch: stop })).rejects.toBeInstanceOf(
      Stopped,
    )
    // A third batch killed before it committed: its rows are gone, its sequence values are not.
    await expect(
      db.transaction().execute(async (trx) => {
        await takeIdRanges(trx)
        throw new Stopped()
      }),
    ).rejects.toBeInstanceOf(Stopped)

    await expect(loadAuthority(db, { ...OPTIONS, asOf: AS_OF })).rejects.toBeInstanceOf(
      SyntheticAuthorityExistsError,
    )
    // Started again later, with a different clock: the stopped load's own asOf is kept.
    const progress: string[] = []
    const summary = await loadAuthority(db, {
      ...OPTIONS,
      asOf: new Date(AS_OF.getTime() + 86_400_000),
      resume: true,
      onProgress: (line) => progress.push(line),
    })
    expect(progress[0]).toMatch(/^Resuming at 1\d\d of 200 children$/)
    expect(summary.asOf).toBe(whole.summary.asOf)
    expect(summary.counts).toEqual(whole.summary.counts)
    expect(await checksums(db)).toEqual(await checksums(whole.database.db))

    const finished = await db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'synth.load')
      .execute()
    expect(finished).toHaveLength(1)
    await expect(loadAuthority(db, { ...OPTIONS, resume: true })).rejects.toBeInstanceOf(
      SyntheticAuthorityExistsError,
    )
  }, 180_000)
})
