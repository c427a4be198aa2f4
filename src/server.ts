/** `npm start`: open (and on first run create) the database, seal the audit trail as it grows, serve. */
import { buildApp, openHavenDatabase } from './bootstrap.js'
import { resolveAuditKey, sealAudit } from './platform/audit/audit.js'
import { loadConfig } from './platform/config.js'
import type { DemoBackgroundLoad } from './modules/demo/background.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/demo/seed.js'
import { ROLE_NAMES } from './platform/permissions/roles.js'

async function main() {
  const started = Date.now()
  const config = loadConfig()
  // The demo's synthetic authority loads after the server listens; the hand-made demo is in first.
  let background: DemoBackgroundLoad | undefined
  const database = await openHavenDatabase(config, {
    deferSyntheticLoad: (load) => (background = load),
    onProgress: (message) => console.log(background ? `Synthetic authority: ${message}` : message),
  })
  const app = await buildApp(config, database, {
    logger: process.env.HAVEN_LOG !== 'false',
    notice: () => background?.notice() ?? null,
  })
  const key = resolveAuditKey(config)
  // After each seal, the chain's new end goes to the checkpoint file too, outside the database.
  const sealOptions = { checkpointFile: config.audit.checkpointFile }

  // One sealer per process, one batch at a time; on a shared server the sealer's lock keeps the chain single.
  // sealNow never rejects (it logs its own failure), so the timer can start it and move on.
  let sealing = false
  const sealNow = async () => {
    if (sealing) return
    sealing = true
    try {
      await sealAudit(database.db, key, sealOptions)
    } catch (err) {
      app.log.error({ err }, 'sealing the audit trail failed')
    } finally {
      sealing = false
    }
  }
  const timer = setInterval(() => void sealNow(), config.audit.sealEverySeconds * 1000)

  const stop = async (signal: string) => {
    app.log.info(`${signal}: stopping`)
    clearInterval(timer)
    // The batch in hand commits; the next start resumes from it.
    await background?.stop()
    await app.close()
    await sealAudit(database.db, key, sealOptions).catch(() => undefined)
    await database.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))

  await app.listen({ port: config.http.port, host: config.http.host })
  const lines = [
    '',
    `Haven is running at ${config.http.publicUrl} (database: ${database.driver}, ${database.location}; ready in ${((Date.now() - started) / 1000).toFixed(1)}s)`,
  ]
  if (config.environment !== 'production' && config.features.seedDemoOnFirstRun) {
    lines.push('', `Demo sign-ins (password for all: ${DEMO_PASSWORD}):`)
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.username.padEnd(16)} ${ROLE_NAMES[a.role]}`)
  }
  if (background) {
    const n = (x: number) => x.toLocaleString('en-GB')
    lines.push(
      '',
      `Loading the demo's synthetic authority in the background (${n(background.loaded)} of ${n(background.children)} children so far); sign in meanwhile.`,
    )
  }
  console.log(lines.join('\n') + '\n')
  background?.start((err) => {
    if (err) app.log.error({ err }, 'loading the synthetic authority failed')
    else console.log('Synthetic authority: loaded; every figure is now complete.')
  })
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
