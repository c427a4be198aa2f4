/**
 * `npm start` serves as soon as the hand-made demo is in and loads the synthetic authority in the
 * background: while that load is part way, the sign-in page answers, staff sign in, and the home
 * page says the figures are not complete yet; once it finishes, the notice goes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, loadReferenceData } from '../../src/bootstrap.js'
import type { DemoBackgroundLoad } from '../../src/modules/demo/background.js'
import { seedDemoIfEmpty } from '../../src/modules/demo/seed.js'
import { loadConfig } from '../../src/platform/config.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import { openTestDatabase } from '../support/test-database.js'
import { Browser, pageText } from '../support/web.js'
import type { FastifyInstance } from 'fastify'

describe('the demo’s synthetic authority loading in the background', () => {
  let database: OpenDatabase
  let app: FastifyInstance
  let load: DemoBackgroundLoad | undefined
  let release = () => {}

  beforeAll(async () => {
    database = await openTestDatabase()
    // As npm start opens it: the reference data first (clocks, KPI catalogue, postcodes, population).
    await loadReferenceData(database.db, loadConfig({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'test-key' }))
    await seedDemoIfEmpty(database.db, new Date(), {
      syntheticChildren: 120,
      syntheticBatchChildren: 40,
      defer: (l) => (load = l),
    })
    const config = loadConfig({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'test-key' })
    app = await buildApp(config, database, { notice: () => load?.notice() ?? null })
  }, 120_000)

  afterAll(async () => {
    release()
    await load?.stop()
    await app.close()
    await database.close()
  })

  it('answers and signs staff in part way through, saying how far it has got', async () => {
    const background = load as DemoBackgroundLoad
    expect(background.loaded).toBe(0)
    let paused!: () => void
    const reachedPause = new Promise<void>((resolve) => (paused = resolve))
    const gate = new Promise<void>((resolve) => (release = resolve))
    const finished = new Promise<unknown>((resolve) =>
      background.start(resolve, async () => {
        paused()
        await gate
      }),
    )
    await reachedPause

    const browser = new Browser(app)
    expect((await browser.get('/sign-in')).statusCode).toBe(200)
    expect((await browser.signIn('team.manager')).statusCode).toBe(303)
    const home = await browser.get('/')
    expect(home.statusCode).toBe(200)
    const loaded = background.loaded
    expect(loaded).toBeGreaterThan(0)
    expect(loaded).toBeLessThan(120)
    expect(pageText(home.body)).toContain(
      `The demo’s synthetic authority is still loading: ${loaded} of 120 children so far.`,
    )

    release()
    // Later pauses pass straight through.
    expect(await finished).toBeUndefined()
    expect(background.finished).toBe(true)
    expect(pageText((await browser.get('/')).body)).not.toContain('still loading')
  }, 120_000)
})
