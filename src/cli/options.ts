/** A command's options read strictly: an unknown or malformed option is a usage error (exit 2). */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { CliError } from './cli-error.js'

export function parseOptions(
  args: string[],
  options: NonNullable<ParseArgsConfig['options']>,
  usage: string,
): Record<string, string | boolean | undefined> {
  try {
    return parseArgs({ args, strict: true, options }).values as Record<string, string | boolean | undefined>
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${usage}`)
  }
}
