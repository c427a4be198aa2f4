/** `haven migrate` and `haven seed --demo`: the same openDatabase() as the server. */
import { parseArgs } from 'node:util'
import { loadConfig } from '../../platform/config.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from '../../modules/demo/seed.js'
import { CliError } from '../cli-error.js'
import type { Command } from '../haven.js'
import { withDatabase } from '../with-database.js'

export const migrateCommand: Command = {
  summary: 'apply database migrations',
  async run(args) {
    parseArgs({ args, options: {}, strict: true })
    return withDatabase(
      async (database) => {
        // Opening migrated (as the owner, when DATABASE_MIGRATION_URL is set).
        const applied = database.migrated
        const detail = applied.length ? `: applied ${applied.join(', ')}` : ''
        console.log(`Database ${database.location} (${database.driver}) is up to date${detail}.`)
        return 0
      },
      { seedDemo: false },
    )
  },
}

export const seedCommand: Command = {
  summary: 'load the synthetic demo authority (--demo)',
  async run(args) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean' } }, strict: true })
    if (!values.demo) throw new CliError('Say what to load: haven seed --demo')
    const config = loadConfig()
    if (config.environment === 'production')
      throw new CliError('The demo authority is never loaded in production')
    return withDatabase(
      async (database) => {
        const loaded = await seedDemoIfEmpty(database.db)
        console.log(
          loaded
            ? `Loaded the demo authority. Sign in with any of: ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')} (password ${DEMO_PASSWORD}).`
            : 'The database already has users: the demo authority was not loaded again.',
        )
        return 0
      },
      { seedDemo: false, config },
    )
  },
}
