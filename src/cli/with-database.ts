/**
 * Every `haven` command that needs the database opens it here: the server's own
 * `openHavenDatabase()`, one clear line when another process holds the embedded database, and
 * the database closed (and its lock given back) however the command ends.
 */
import { openHavenDatabase } from '../bootstrap.js'
import { loadConfig, type Config } from '../platform/config.js'
import { DataDirInUseError } from '../platform/db/data-dir-lock.js'
import type { OpenDatabase } from '../platform/db/database.js'
import { CliError } from './cli-error.js'

export async function withDatabase<T>(
  fn: (database: OpenDatabase, config: Config) => Promise<T>,
  options: { seedDemo?: boolean; config?: Config } = {},
): Promise<T> {
  const config = options.config ?? loadConfig()
  const database = await openHavenDatabase(
    config,
    options.seedDemo === undefined ? {} : { seedDemo: options.seedDemo },
  ).catch((err: unknown) => {
    throw err instanceof DataDirInUseError ? new CliError(err.message, 1) : err
  })
  try {
    return await fn(database, config)
  } finally {
    await database.close()
  }
}
