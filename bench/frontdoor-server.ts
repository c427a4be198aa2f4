/**
 * The server under test in the front-door benchmark, in its own process so the load generator's
 * CPU is not counted against it: Haven's web application over the database named by the
 * environment (DATABASE_URL, or HAVEN_DATA_DIR for PGlite), with the audit trail sealed every few
 * seconds as `npm start` does. It listens on a free local port and tells its parent which over
 * IPC; asked 'cpu', it answers with its CPU time so far (ms) and the statements it has sent to
 * the database.
 */
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { buildApp, openHavenDatabase } from '../src/bootstrap.js'
import { resolveAuditKey, sealAudit } from '../src/platform/audit/audit.js'
import { loadConfig } from '../src/platform/config.js'

// Count the statements sent to the database, to report queries per page.
let queries = 0
for (const proto of [pg.Client.prototype, PGlite.prototype] as unknown as Record<
  string,
  (...a: unknown[]) => unknown
>[]) {
  for (const method of ['query', 'exec']) {
    const original = proto[method]
    if (typeof original !== 'function') continue
    proto[method] = function (this: unknown, ...args: unknown[]) {
      queries += 1
      return original.apply(this, args)
    }
  }
}

const config = loadConfig()
const database = await openHavenDatabase(config, { seedDemo: false })
const app = await buildApp(config, database, { logger: false })
const key = resolveAuditKey(config, () => {})

// sealNow never rejects (it reports its own failure), so the timer can start it and move on.
let sealing = false
const sealNow = async () => {
  if (sealing) return
  sealing = true
  try {
    await sealAudit(database.db, key)
  } catch (err) {
    // Under overload the sealer waits for open transactions and gives up; say so in one line.
    console.error(`  (server: sealing the audit trail failed: ${err instanceof Error ? err.message : err})`)
  } finally {
    sealing = false
  }
}
const timer = setInterval(() => void sealNow(), config.audit.sealEverySeconds * 1000)

const stop = async () => {
  clearInterval(timer)
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGTERM', () => void stop())
process.once('disconnect', () => void stop())
process.on('message', (message) => {
  if (message === 'cpu') {
    const { user, system } = process.cpuUsage()
    process.send?.({ cpuMs: (user + system) / 1000, queries })
  }
})

await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.send?.({ port: typeof address === 'object' && address ? address.port : 0, driver: database.driver })
