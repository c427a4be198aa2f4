/**
 * The `haven` command (`npm run haven -- <command> …`). Each command lives in
 * `src/cli/commands/<name>.ts` and exports `run(args)`, returning the process exit code.
 * Commands are imported lazily so `haven returns validate` never loads the web server.
 */
import { CliError } from './cli-error.js'

export interface Command {
  summary: string
  run(args: string[]): Promise<number>
}

const commands: Record<string, () => Promise<{ command: Command }>> = {
  migrate: () => import('./commands/database.js').then((m) => ({ command: m.migrateCommand })),
  seed: () => import('./commands/database.js').then((m) => ({ command: m.seedCommand })),
  users: () => import('./commands/users.js'),
  calendar: () => import('./commands/calendar.js'),
  audit: () => import('./commands/audit.js'),
  returns: () => import('./commands/returns.js'),
  reference: () => import('./commands/reference.js'),
  synth: () => import('./commands/synth-load.js'),
  digest: () => import('./commands/digest.js'),
}

function usage(): string {
  return [
    'Usage: haven <command> [options]',
    '',
    'Commands:',
    ...Object.keys(commands).map((c) => `  ${c}`),
  ].join('\n')
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h') {
    console.log(usage())
    return name ? 0 : 2
  }
  const load = commands[name]
  if (!load) {
    console.error(`haven: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  const { command } = await load()
  return command.run(rest)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    if (err instanceof CliError) {
      console.error(`haven: ${err.message}`)
      process.exitCode = err.exitCode
    } else {
      console.error(err)
      process.exitCode = 1
    }
  },
)
