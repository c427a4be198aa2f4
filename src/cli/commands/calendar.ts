/** `haven calendar`: see the bank holidays in force and record a proclamation that adds or moves one. */
import { addCalendarDays } from '../../platform/calendar/dates.js'
import { parseArgs } from 'node:util'
import { CalendarError, loadWorkingCalendar, setBankHolidayOverride } from '../../platform/calendar/store.js'
import { BUNDLED_BANK_HOLIDAYS } from '../../platform/calendar/working-days.js'
import { CliError } from '../cli-error.js'
import { withDatabase } from '../with-database.js'
import type { Command } from '../haven.js'

const USAGE = `Usage:
  haven calendar holidays [--year YYYY]
  haven calendar add-holiday --date YYYY-MM-DD --title "…" --reason "…"      (a day added by proclamation)
  haven calendar remove-holiday --date YYYY-MM-DD --reason "…"             (a bundled day that was moved)`

export const command: Command = {
  summary: 'bank holidays in force, and overrides by proclamation',
  async run(args) {
    const [sub, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      strict: true,
      options: {
        year: { type: 'string' },
        date: { type: 'string' },
        title: { type: 'string' },
        reason: { type: 'string' },
      },
    })
    if (!sub || !['holidays', 'add-holiday', 'remove-holiday'].includes(sub)) throw new CliError(USAGE)
    return withDatabase(async (database) => {
      try {
        if (sub === 'holidays') {
          const year = values.year ?? String(new Date().getUTCFullYear())
          if (!/^\d{4}$/.test(year)) throw new CliError('--year must be a year such as 2026')
          const calendar = await loadWorkingCalendar(database.db)
          for (let d = `${year}-01-01`; d.startsWith(year); d = addCalendarDays(d, 1)) {
            const title = calendar.bankHoliday(d)
            if (title) console.log(`${d}  ${title}`)
          }
          return 0
        }
        const date = values.date ?? ''
        const bundled = BUNDLED_BANK_HOLIDAYS.find((h) => h.date === date)
        await setBankHolidayOverride(database.db, {
          date,
          title:
            sub === 'add-holiday'
              ? (values.title ?? '')
              : (bundled?.title ?? values.title ?? 'Removed bank holiday'),
          isHoliday: sub === 'add-holiday',
          reason: values.reason ?? '',
        })
        console.log(
          `${sub === 'add-holiday' ? 'Added' : 'Removed'} ${date}. Clocks started from now on use the change.`,
        )
        return 0
      } catch (err) {
        if (err instanceof CalendarError) throw new CliError(err.message)
        throw err
      }
    })
  },
}
