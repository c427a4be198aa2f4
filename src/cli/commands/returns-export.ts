/**
 * `haven returns export --annex-a`: Ofsted's Annex A lists 1–7 as a workbook from Haven's records.
 *
 *   haven returns export --annex-a [--from 2025-04-01] [--to 2026-03-31] --out annex-a.xlsx
 *
 * The period is the 12 months to `--to` (by default today) unless `--from` is given. Lists Haven
 * does not hold yet are sheets saying which module will provide them, and the command says so.
 * Every export is audited under the operating-system account that ran it (children's data).
 *
 * Exit code 0 when the workbook is written; 2 when an option is wrong. The workbook is written to
 * a temporary file and moved into place, so a failed export leaves no partial workbook.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import { once } from 'node:events'
import os from 'node:os'
import { parseArgs } from 'node:util'
import { CliError } from '../cli-error.js'
import type { AuditContext } from '../../platform/audit/audit.js'
import { londonDate } from '../../platform/calendar/dates.js'
import { systemClock } from '../../platform/calendar/clock.js'
import { choosePeriod, PeriodError, periodWords, type Period } from '../../modules/returns/annex-a/model.js'

export function exportUsage(): string {
  return [
    'Usage: haven returns export --annex-a [--from <YYYY-MM-DD>] [--to <YYYY-MM-DD>] --out <file.xlsx>',
    '',
    'Ofsted’s Annex A lists 1 to 7 as a workbook, one sheet per list, from Haven’s records.',
    '',
    'Options:',
    '  --from 2025-04-01     the first day of the period (default: 12 months before --to, plus a day)',
    '  --to 2026-03-31       the last day of the period (default: today)',
    '  --out annex-a.xlsx    where to write the workbook',
    '',
    'Exit code: 0 workbook written, 2 options wrong.',
  ].join('\n')
}

/** Exports made from the command line are audited under the operating-system account that made them. */
function cliAudit(): AuditContext {
  return { userId: null, username: `cli:${os.userInfo().username}`, requestId: null }
}

export async function exportReturn(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args,
      strict: true,
      options: {
        'annex-a': { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (err) {
    throw new CliError(`${(err as Error).message}\n\n${exportUsage()}`)
  }
  if (values.help) {
    console.log(exportUsage())
    return 0
  }
  if (values['annex-a'] !== true)
    throw new CliError(`say which return to export: --annex-a\n\n${exportUsage()}`)
  if (typeof values.out !== 'string' || values.out === '')
    throw new CliError(`--out is required: the workbook to write, for example --out annex-a.xlsx`)
  let period: Period
  try {
    period = choosePeriod(
      typeof values.from === 'string' ? values.from : undefined,
      typeof values.to === 'string' ? values.to : undefined,
      londonDate(systemClock.now().getTime()),
    )
  } catch (err) {
    if (err instanceof PeriodError) throw new CliError(err.message)
    throw err
  }
  const out = values.out

  const { withDatabase } = await import('../with-database.js')
  const { exportAnnexA } = await import('../../modules/returns/annex-a/service.js')
  const { notHeldMessage, annexAList } = await import('../../modules/returns/annex-a/model.js')
  let started = 0
  const temp = `${out}.${process.pid}.part`
  const written = await withDatabase(async (database) => {
    started = performance.now()
    const stream = createWriteStream(temp)
    try {
      const finished = once(stream, 'finish')
      const write = await exportAnnexA(database.db, 'command_line', cliAudit(), period)
      const lists = await write(stream)
      await finished
      renameSync(temp, out)
      return lists
    } catch (err) {
      stream.destroy()
      rmSync(temp, { force: true })
      throw err
    }
  })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.error(`Ofsted Annex A, ${periodWords(period)} (${seconds} s); workbook in ${out}`)
  for (const l of written) {
    console.error(
      l.held
        ? `  List ${l.number} ${l.title}: ${l.rows.toLocaleString('en-GB')} ${l.rows === 1 ? 'row' : 'rows'}`
        : `  ${notHeldMessage(annexAList(l.number))}`,
    )
  }
  return 0
}
