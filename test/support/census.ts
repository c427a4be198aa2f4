/** The CIN census of a collection year as XML, written by the returns module's export as a performance officer. */
import { PassThrough } from 'node:stream'
import type { Kysely } from 'kysely'
import { exportCinCensus } from '../../src/modules/returns/cin-export/service.js'
import { parseCollectionYear } from '../../src/modules/returns/collection-year.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import type { Database } from '../../src/platform/db/schema.js'

export async function cinCensusXml(db: Kysely<Database>, year: string, username: string): Promise<string> {
  const write = await exportCinCensus(
    db,
    { role: 'performance_officer' },
    { userId: null, username, requestId: null },
    { year: parseCollectionYear(year), laNumber: '883', calendar: englandAndWales },
  )
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  await write(out)
  out.end()
  return Buffer.concat(chunks).toString('utf8')
}
