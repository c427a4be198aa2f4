/**
 * An SSDA903 return's rows for one child, as the care module's import takes them
 * (`ImportedChild`). Pure. What the care module then refuses is its business (`import-model.ts`
 * there); this refuses only what the files themselves make impossible to read: a date that is
 * not a date, a child whose date of birth differs from Haven's (the wrong child matched).
 *
 * Tables read: Header (to check the child), Episodes, Reviews, UASC, PrevPerm, Missing, OC2, OC3,
 * AD1, PlacedAdoption and DoLo, the tables the export writes from care's records, and SWEpisodes,
 * which care hands to the front door to import as the child's allocated-worker grants (refused on
 * their own, in `Ssda903Imported.rowsNotImported`). Any other table is counted and reported as not
 * imported, so nothing in the return is dropped without a word. OC2, OC3, AD1 and PlacedAdoption
 * are one row a child: a child with two of one is not imported.
 */
import { addYears, type IsoDate } from '../../../platform/calendar/dates.js'
import type { ImportedChild, ImportedEpisode } from '../../care/import-service.js'
import type { CollectionYear } from '../collection-year.js'
import type { Ssda903Child } from '../ssda903/index.js'
import type { AnySsda903Row, Ssda903Table } from '../ssda903/model.js'

/** The tables the import reads into Haven's records. */
export const IMPORTED: readonly Ssda903Table[] = [
  'Header',
  'Episodes',
  'Reviews',
  'UASC',
  'PrevPerm',
  'Missing',
  'OC2',
  'OC3',
  'AD1',
  'PlacedAdoption',
  'SWEpisodes',
  'DoLo',
]

export type ChildRows = { ok: true; child: ImportedChild } | { ok: false; reason: string }

/**
 * Last year's tables whose rows are history the import takes in with `--previous`: the child's
 * care as last year's return gave it. OC2, OC3, AD1 and PlacedAdoption are about that year's
 * outcomes and adoptions, which Haven records against the year being imported only.
 */
export const IMPORTED_FROM_LAST_YEAR: readonly Ssda903Table[] = [
  'Header',
  'Episodes',
  'Reviews',
  'UASC',
  'PrevPerm',
  'Missing',
]

/** The rows of both years, this year's kept where both have one with the same `key`. */
function bothYears<R extends AnySsda903Row>(
  thisYear: readonly R[],
  lastYear: readonly R[],
  key: (r: R) => string,
) {
  if (lastYear.length === 0) return thisYear as R[]
  const seen = new Set(thisYear.map(key))
  return [...lastYear.filter((r) => !seen.has(key(r))), ...thisYear]
}

/**
 * The child's rows with last year's history taken in, as one set of tables: the episodes of both
 * years (an episode open on 31 March is in both, the copy in this year's return kept, as it has
 * any end), reviews and missing episodes alike by their date; Header, UASC and PrevPerm this
 * year's where there are any, else last year's (a child who left care last year is in last
 * year's return alone). Pure; the child as given when no previous year was read.
 */
export function withLastYear(c: Ssda903Child): Ssda903Child {
  const t = c.current
  const p = c.previous
  const text = (column: string) => (r: AnySsda903Row) =>
    (r.text as Record<string, string>)[column]?.trim() ?? ''
  return {
    ...c,
    current: {
      ...t,
      Header: t.Header.length > 0 ? t.Header : p.Header,
      Episodes: bothYears(t.Episodes, p.Episodes, text('DECOM')),
      Reviews: bothYears(t.Reviews, p.Reviews, text('REVIEW')),
      Missing: bothYears(t.Missing, p.Missing, text('MIS_START')),
      UASC: t.UASC.length > 0 ? t.UASC : p.UASC,
      PrevPerm: t.PrevPerm.length > 0 ? t.PrevPerm : p.PrevPerm,
    },
  }
}

/** A DfE date cell: its date, null when blank, or undefined when it is not a date. */
function dateCell(value: IsoDate | null, text: string): IsoDate | null | undefined {
  if (value !== null) return value
  return text.trim() === '' ? null : undefined
}

class Unreadable extends Error {}

const where = (r: { file: string; line?: number; row: number }) =>
  `${r.file.split(/[\\/]/).pop() ?? r.file} line ${r.line ?? r.row + 2}`

function required(
  value: IsoDate | null,
  text: string,
  what: string,
  r: { file: string; line?: number; row: number },
) {
  const d = dateCell(value, text)
  if (d === undefined || d === null)
    throw new Unreadable(`${where(r)}: ${what} ${d === null ? 'is blank' : `"${text}" is not a date`}`)
  return d
}

function optional(
  value: IsoDate | null,
  text: string,
  what: string,
  r: { file: string; line?: number; row: number },
) {
  const d = dateCell(value, text)
  if (d === undefined) throw new Unreadable(`${where(r)}: ${what} "${text}" is not a date`)
  return d
}

/**
 * The child's rows for the care module, checked against Haven's date of birth for the child
 * (null when Haven has none: then nothing to compare).
 */
export function importedChildOf(
  c: Ssda903Child,
  havenDateOfBirth: IsoDate | null,
  year: Pick<CollectionYear, 'start' | 'end'>,
): ChildRows {
  try {
    const t = c.current
    const header = t.Header[0]
    if (header === undefined) return { ok: false, reason: 'no Header row for this child' }
    const dob = optional(header.DOB, header.text.DOB, 'DOB', header)
    if (havenDateOfBirth !== null && dob !== null && dob !== havenDateOfBirth)
      return {
        ok: false,
        reason: `the return’s date of birth ${header.text.DOB} is not Haven’s for this LA child ID: check the child matched`,
      }
    const episodes: ImportedEpisode[] = t.Episodes.map((e) => ({
      start: required(e.DECOM, e.text.DECOM, 'DECOM', e),
      end: optional(e.DEC, e.text.DEC, 'DEC', e),
      rne: e.RNE ?? '',
      legalStatus: e.LS ?? '',
      categoryOfNeed: e.CIN ?? '',
      place: e.PLACE ?? '',
      provider: e.PLACE_PROVIDER,
      reasonCeased: e.REC,
      reasonPlaceChange: e.REASON_PLACE_CHANGE,
      homePostcode: e.HOME_POST,
      placementPostcode: e.PL_POST,
      urn: e.URN === 'XXXXXXX' ? null : e.URN,
    })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    const reviews = t.Reviews.map((r) => ({
      date: required(r.REVIEW, r.text.REVIEW, 'REVIEW', r),
      participation: r.REVIEW_CODE ?? '',
    })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    const missing = t.Missing.map((m) => ({
      kind: m.MISSING ?? '',
      start: required(m.MIS_START, m.text.MIS_START, 'MIS_START', m),
      end: optional(m.MIS_END, m.text.MIS_END, 'MIS_END', m),
    })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    const pp = t.PrevPerm.at(-1)
    const uasc = t.UASC.at(-1)
    let ceased: IsoDate | null = null
    if (uasc !== undefined) {
      const duc = optional(uasc.DUC, uasc.text.DUC, 'DUC', uasc)
      // DUC is the 18th birthday unless the status ended sooner: only an earlier end is a record.
      ceased = duc !== null && dob !== null && duc === addYears(dob, 18) ? null : duc
    }
    return {
      ok: true,
      child: {
        laChildId: c.id,
        episodes,
        reviews,
        missing,
        previousPermanence: pp
          ? {
              kind: pp.PREV_PERM ?? '',
              date: optional(pp.DATE_PERM, pp.text.DATE_PERM, 'DATE_PERM', pp),
              la: pp.LA_PERM,
            }
          : null,
        uasc: uasc === undefined ? null : { ceased },
        year: { start: year.start, end: year.end },
        dateOfBirth: dob ?? havenDateOfBirth,
        ...otherRowsOf(c),
      },
    }
  } catch (err) {
    if (err instanceof Unreadable) return { ok: false, reason: err.message }
    throw err
  }
}

/** The row of a table the return has one of a child, or null; two are unreadable. */
function single<R extends { file: string; line?: number; row: number }>(rows: readonly R[], table: string) {
  if (rows.length > 1) throw new Unreadable(`${where(rows[1] as R)}: a second ${table} row for the child`)
  return rows[0] ?? null
}

/** OC3, OC2, PlacedAdoption, AD1, DoLo and SWEpisodes, for the care module to plan. */
function otherRowsOf(
  c: Ssda903Child,
): Pick<ImportedChild, 'careLeaver' | 'oc2' | 'placedAdoption' | 'ad1' | 'dolo' | 'socialWorkers'> {
  const t = c.current
  const oc3 = single(t.OC3, 'OC3')
  const oc2 = single(t.OC2, 'OC2')
  const placed = single(t.PlacedAdoption, 'PlacedAdoption')
  const ad1 = single(t.AD1, 'AD1')
  const byStart = <R extends { start: IsoDate }>(list: R[]) =>
    list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  return {
    dolo: byStart(
      t.DoLo.map((d) => ({
        start: required(d.DOLO_START, d.text.DOLO_START, 'DOLO_START', d),
        end: optional(d.DOLO_END, d.text.DOLO_END, 'DOLO_END', d),
      })),
    ),
    socialWorkers: byStart(
      t.SWEpisodes.map((w) => ({
        workerId: w.SW_ID ?? '',
        start: required(w.SW_DECOM, w.text.SW_DECOM, 'SW_DECOM', w),
        end: optional(w.SW_DEC, w.text.SW_DEC, 'SW_DEC', w),
        reason: w.SW_REASON === null ? null : w.SW_REASON.trim().toUpperCase(),
      })),
    ),
    careLeaver: oc3 && {
      inTouch: oc3.IN_TOUCH ?? '',
      activity: oc3.ACTIV ?? '',
      accommodation: oc3.ACCOM ?? '',
    },
    oc2: oc2 && {
      sdqScore: oc2.SDQ_SCORE,
      sdqReason: oc2.SDQ_REASON,
      convicted: oc2.CONVICTED,
      healthCheck: oc2.HEALTH_CHECK,
      immunisations: oc2.IMMUNISATIONS,
      teethCheck: oc2.TEETH_CHECK,
      healthAssessment: oc2.HEALTH_ASSESSMENT,
      substanceMisuse: oc2.SUBSTANCE_MISUSE,
      interventionReceived: oc2.INTERVENTION_RECEIVED,
      interventionOffered: oc2.INTERVENTION_OFFERED,
    },
    placedAdoption: placed && {
      decision: required(placed.DATE_PLACED, placed.text.DATE_PLACED, 'DATE_PLACED', placed),
      reversed: optional(
        placed.DATE_PLACED_CEASED,
        placed.text.DATE_PLACED_CEASED,
        'DATE_PLACED_CEASED',
        placed,
      ),
      reason: placed.REASON_PLACED_CEASED,
    },
    ad1: ad1 && {
      decision: required(ad1.DATE_INT, ad1.text.DATE_INT, 'DATE_INT', ad1),
      matched: optional(ad1.DATE_MATCH, ad1.text.DATE_MATCH, 'DATE_MATCH', ad1),
      fosterCare: ad1.FOSTER_CARE,
      adopters: ad1.NB_ADOPTR,
      sexes: ad1.SEX_ADOPTR,
      legalStatus: ad1.LS_ADOPTR,
    },
  }
}
