/**
 * The calendar and clocks as the database holds them: bank-holiday overrides (a proclamation adds
 * a day, a move removes one) over the bundled table, and the clock definitions loaded from
 * `reference/clock-definitions.json` so every module reads one definition of each timescale.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { STATUTORY_CLOCKS, parseClockDefinitions, type ClockDefinition } from './clocks.js'
import {
  BUNDLED_BANK_HOLIDAYS,
  DEFAULT_WORKING_HOURS,
  WorkingCalendar,
  checkWorkingHours,
  toDayNumber,
  type WorkingHours,
} from './working-days.js'

/** The clock settings an authority configures (`Config.clocks`). */
export interface AuthorityClockSettings {
  workingHours: WorkingHours
  referrerFeedbackWorkingDays: number
}

/** The code of the clock for feedback to the referrer, whose length the authority sets. */
export const REFERRER_FEEDBACK_CLOCK = 'referrer-feedback'

/** The bundled definitions with the authority's own timescales in place of the defaults. */
export function configuredClocks(
  settings: Pick<AuthorityClockSettings, 'referrerFeedbackWorkingDays'>,
  definitions: readonly ClockDefinition[] = STATUTORY_CLOCKS,
): ClockDefinition[] {
  return definitions.map((d) =>
    d.code === REFERRER_FEEDBACK_CLOCK ? { ...d, length: settings.referrerFeedbackWorkingDays } : d,
  )
}

export interface ClockSettings {
  definitions: readonly ClockDefinition[]
  calendar: WorkingCalendar
}

/**
 * Makes the `clock_definition` table match the bundled definitions, and the `working_hours` row
 * the configured hours (run at every open).
 */
export async function syncClockDefinitions(
  db: Kysely<Database>,
  definitions: readonly ClockDefinition[] = STATUTORY_CLOCKS,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): Promise<void> {
  checkWorkingHours(hours)
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('working_hours')
      .values({ id: true, opens_at: hours.opensAt, closes_at: hours.closesAt })
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet({ opens_at: hours.opensAt, closes_at: hours.closesAt, loaded_at: sql`now()` }),
      )
      .execute()
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
  calendarChanged(db)
}

/**
 * How long a calendar read outside a transaction is reused. Overrides and working hours change a
 * few times a year; every page with a due date reads them. A change made through this module
 * clears the cache at once; one made by another process is seen within this time. A transaction
 * always reads the tables, so what it records is worked out from the calendar in force.
 */
const CALENDAR_REUSE_MS = 30_000
const calendars = new WeakMap<Kysely<Database>, { calendar: WorkingCalendar; readAt: number }>()

/** The working calendar in force: the bundled bank holidays, the overrides and the working hours. */
export async function loadWorkingCalendar(db: Kysely<Database>): Promise<WorkingCalendar> {
  const cached = db.isTransaction ? undefined : calendars.get(db)
  if (cached && performance.now() - cached.readAt < CALENDAR_REUSE_MS) return cached.calendar
  const readAt = performance.now()
  const overrides = await db
    .selectFrom('bank_holiday_override')
    .select(['holiday_date', 'title', 'is_holiday'])
    .orderBy('holiday_date')
    .execute()
  const hours = await db.selectFrom('working_hours').select(['opens_at', 'closes_at']).executeTakeFirst()
  const calendar = new WorkingCalendar(
    BUNDLED_BANK_HOLIDAYS,
    overrides.map((o) => ({ date: o.holiday_date, title: o.title, isHoliday: o.is_holiday })),
    hours === undefined ? DEFAULT_WORKING_HOURS : { opensAt: hours.opens_at, closesAt: hours.closes_at },
  )
  if (!db.isTransaction) calendars.set(db, { calendar, readAt })
  return calendar
}

/** Forgets the calendar read through `db`, after a change to it. */
function calendarChanged(db: Kysely<Database>): void {
  calendars.delete(db)
}

/** The clocks and calendar in force, from the database (the calendar reused as `loadWorkingCalendar` says). */
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
  calendarChanged(db)
}
