/**
 * The demo authority for tests (apart from test-database.ts, which imports vitest: the run's
 * global set-up seeds its template with this too, and may not).
 */
import type { Kysely } from 'kysely'
import { loadReferenceData } from '../../src/bootstrap.js'
import { seedDemo } from '../../src/modules/demo/seed.js'
import { loadConfig } from '../../src/platform/config.js'
import type { Database } from '../../src/platform/db/schema.js'

/**
 * The demo authority as a test database holds it: `seedDemo`, then the reference data an opened
 * Haven database is given (the KPI catalogue, the demo's postcodes and population), so pages and
 * digests in tests see what `npm start` shows.
 */
export async function seedTestDemo(db: Kysely<Database>, at?: Date): Promise<void> {
  await seedDemo(db, at)
  await loadTestReferenceData(db)
}

/** The reference data every opened Haven database holds, as `openHavenDatabase` loads it in a test. */
export async function loadTestReferenceData(db: Kysely<Database>): Promise<void> {
  await loadReferenceData(
    db,
    loadConfig({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'test-key', DRAFT_KEY: 'test-draft-key' }),
  )
}
