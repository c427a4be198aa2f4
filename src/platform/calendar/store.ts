/**
 * The calendar and clocks as the database holds them: bank-holiday overrides (a proclamation adds
 * a day, a move removes one) over the bundled table, and the clock definitions loaded from
 * `reference/clock-definitions.json` so every module reads one definition of each timescale.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { STATUTORY_CLOCKS, parseClockDefinitions, type ClockDefinition } from './clocks.js'
import { BUNDLED_BANK_HOLIDAYS, WorkingCalendar, toDayNumber } from './working-days.js'

export interface ClockSettings {
  definitions: readonly ClockDefinition[]
  calendar: WorkingCalendar
}

/** Makes the `clock_definition` table match the bundled definitions (run at every open). */
export async function syncClockDefinitions(
  db: Kysely<Database>,
  definitions = STATUTORY_CLOCKS,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const d of definitions) {
      const definition = JSON.stringify(d)
      await trx
        .insertInto('clock_definition')
        .values({ code: d.code, definition })
        .onConflict((oc) =>
          oc
            .column('code')
            .doUpdateSet({ definition, loaded_at: sql`now()` })
            .where(sql<boolean>`clock_definition.definition is distinct from excluded.definition`),
        )
        .execute()
    }
    const codes = definitions.map((d) => d.code)
    await trx
      .deleteFrom('clock_definition')
      .where('code', 'not in', codes.length ? codes : [''])
      .execute()
  })
}

export async function loadWorkingCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const overrides = await db
    .selectFrom('bank_holiday_override')
    .select(['holiday_date', 'title', 'is_holiday'])
    .orderBy('holiday_date')
    .execute()
  return new WorkingCalendar(
    BUNDLED_BANK_HOLIDAYS,
    overrides.map((o) => ({ date: o.holiday_date, title: o.title, isHoliday: o.is_holiday })),
  )
}

/** The clocks and calendar in force, from the database. Both tables are small: read per use. */
export async function loadClockSettings(db: Kysely<Database>): Promise<ClockSettings> {
  const rows = await db.selectFrom('clock_definition').select('definition').orderBy('code').execute()
  const definitions = rows.length ? parseClockDefinitions(rows.map((r) => r.definition)) : STATUTORY_CLOCKS
  return { definitions, calendar: await loadWorkingCalendar(db) }
}

export class CalendarError extends Error {}

/** Records a bank holiday added by proclamation (isHoliday) or a bundled one that was moved (not). */
export async function setBankHolidayOverride(
  db: Kysely<Database>,
  o: { date: string; title: string; isHoliday: boolean; reason: string },
): Promise<void> {
  try {
    toDayNumber(o.date)
  } catch {
    throw new CalendarError(`"${o.date}" is not a real date in the form YYYY-MM-DD`)
  }
  if (o.title.trim() === '') throw new CalendarError('Give the holiday a title')
  if (o.reason.trim().length < 3) throw new CalendarError('Give a reason, e.g. the proclamation')
  await db
    .insertInto('bank_holiday_override')
    .values({ holiday_date: o.date, title: o.title.trim(), is_holiday: o.isHoliday, reason: o.reason.trim() })
    .onConflict((oc) =>
      oc
        .column('holiday_date')
        .doUpdateSet({ title: o.title.trim(), is_holiday: o.isHoliday, reason: o.reason.trim() }),
    )
    .execute()
}
