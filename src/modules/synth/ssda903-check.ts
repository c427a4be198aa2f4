/**
 * A synthetic SSDA903 return built in memory and checked with every SSDA903 rule of its year:
 * how the generator is kept honest (returns-rules.test.ts) and how a change to it is measured.
 */
import { englandAndWales } from '../../platform/calendar/working-days.js'
import type { CollectionYear } from '../returns/collection-year.js'
import { RuleSet, ruleContext, runRules, type ValidationResult } from '../returns/engine.js'
import { indexByChild, type Ssda903Child } from '../returns/ssda903/index.js'
import {
  SSDA903_TABLES,
  type Ssda903Return,
  type Ssda903Table,
  type Ssda903Tables,
} from '../returns/ssda903/model.js'
import type { EpisodeRow } from '../returns/ssda903/model.js'
import type { PlacementFacts, Ssda903ReturnInfo } from '../returns/ssda903/rule.js'
import { DOLO_RULE_CODES, ssda903Rules } from '../returns/ssda903/rules/index.js'
import { generateChildren } from './population.js'
import { RowNumbers, buildSsda903Rows, childReturnText, type ChildReturnText } from './returns.js'
import { tablesFor } from './write.js'

export interface SyntheticSsda903 {
  ret: Ssda903Return
  texts: ChildReturnText[]
}

/**
 * The first `ssda903Children` children of a synthetic authority who are in this year's SSDA903
 * return, as the return's tables (this year and last), with defects at `defects`.
 */
export function syntheticSsda903(options: {
  seed: string
  year: CollectionYear
  ssda903Children: number
  defects?: number
}): SyntheticSsda903 {
  const { seed, year } = options
  const tables = tablesFor(year)
  const current: Ssda903Tables = {}
  const previous: Ssda903Tables = {}
  for (const t of tables) {
    ;(current as Record<string, unknown[]>)[t] = []
    ;(previous as Record<string, unknown[]>)[t] = []
  }
  const rows = new RowNumbers()
  const texts: ChildReturnText[] = []
  let count = 0
  // Far more children in need than are looked after: the loop stops once it has enough.
  const authority = { seed, year, children: options.ssda903Children * 50, contactOnly: false }
  for (const child of generateChildren(authority)) {
    const text = childReturnText(child, { year, laCode: '883', seed, defects: options.defects ?? 0 })
    if ((text.ssda903.current.Header?.length ?? 0) === 0) continue
    texts.push(text)
    buildSsda903Rows(text.ssda903.current, rows, current)
    buildSsda903Rows(text.ssda903.previous, rows, previous, 'previous/')
    if (++count >= options.ssda903Children) break
  }
  return { ret: { current, previous }, texts }
}

/**
 * Where the synthetic postcodes are: a made-up centre (easting, northing) for each postcode
 * district the generator uses, and the ONS code of its upper-tier authority. A stand-in for the
 * postcode reference table until the synthetic one ships with the returns engine.
 */
const DISTRICTS: Record<string, [number, number, string]> = {
  RM15: [557000, 182000, 'E06000034'],
  RM16: [562000, 180000, 'E06000034'],
  RM17: [561000, 178000, 'E06000034'],
  RM18: [565000, 176500, 'E06000034'],
  RM19: [556000, 178000, 'E06000034'],
  RM20: [559000, 177500, 'E06000034'],
  SS17: [568000, 182500, 'E06000034'],
  SS13: [573000, 189000, 'E10000012'],
  SS14: [572000, 190000, 'E10000012'],
  SS16: [569000, 188000, 'E10000012'],
  CM12: [567000, 194500, 'E10000012'],
  CM2: [571000, 205000, 'E10000012'],
  RM3: [555000, 192000, 'E09000016'],
  RM12: [553500, 186000, 'E09000016'],
  DA1: [553000, 174000, 'E10000016'],
  DA11: [563500, 173500, 'E10000016'],
  ME4: [576000, 167000, 'E06000035'],
  CO4: [600000, 227000, 'E10000012'],
  IP3: [618000, 243000, 'E10000029'],
  E6: [543000, 183000, 'E09000025'],
  IG11: [545000, 184000, 'E09000002'],
  NR3: [623000, 310000, 'E10000020'],
  LU1: [508000, 221000, 'E06000032'],
  MK9: [486000, 238500, 'E06000042'],
  B23: [409000, 293000, 'E08000025'],
}

function locate(postcode: string): { e: number; n: number; la: string } | null {
  const [district, inward] = postcode.trim().toUpperCase().split(/\s+/)
  const centre = district === undefined ? undefined : DISTRICTS[district]
  if (centre === undefined || inward === undefined || !/^\d[A-Z]{2}$/.test(inward)) return null
  const sector = Number(inward[0])
  const unit = (inward.charCodeAt(1) - 65) * 26 + (inward.charCodeAt(2) - 65)
  return {
    e: centre[0] + sector * 150 + (unit % 26) * 20,
    n: centre[1] + sector * 100 + Math.floor(unit / 26) * 20,
    la: centre[2],
  }
}

/**
 * Placement facts from the synthetic districts, by the DfE's distance formula. As the DfE
 * derives it, the distance is left blank for children who are or were UASC (`uasc`, by CHILD)
 * and for short breaks (V3, V4).
 */
export function syntheticPlacementFacts(
  laCode: string,
  uasc: ReadonlySet<string> = new Set(),
): (episode: EpisodeRow) => PlacementFacts {
  return (episode) => {
    const home = episode.text.HOME_POST.trim()
    const placed = episode.text.PL_POST.trim()
    const h = home === '' ? null : locate(home)
    const p = placed === '' ? null : locate(placed)
    const unknownPostcodes = [
      ...(home !== '' && h === null ? [home] : []),
      ...(placed !== '' && p === null ? [placed] : []),
    ]
    const distance =
      h && p && !uasc.has(episode.CHILD ?? '') && episode.LS !== 'V3' && episode.LS !== 'V4'
        ? Math.round((Math.sqrt((h.e - p.e) ** 2 + (h.n - p.n) ** 2) / 1000 / 1.6093) * 10) / 10
        : null
    return {
      distance,
      la: p?.la ?? null,
      location: p ? (p.la === laCode ? 'IN' : 'OUT') : null,
      unknownPostcodes,
    }
  }
}

/** Every SSDA903 rule of the year (without the DoLO rules before 2026/27) over a return. */
export async function checkSsda903(
  ret: Ssda903Return,
  year: CollectionYear,
  info: Partial<Ssda903ReturnInfo> = {},
): Promise<ValidationResult> {
  const dolo = year.start < '2026-04-01'
  const rules = RuleSet.base(
    year.label,
    ssda903Rules.filter((r) => !dolo || !DOLO_RULE_CODES.includes(r.code)),
  )
  const supplied = (t: Ssda903Tables): Set<Ssda903Table> =>
    new Set(SSDA903_TABLES.filter((x) => t[x] !== undefined))
  const index = indexByChild(ret)
  return runRules<Ssda903Child, Ssda903Table, Ssda903ReturnInfo>({
    returnName: 'SSDA903',
    rules,
    context: ruleContext(year, englandAndWales, {
      supplied: { current: supplied(ret.current), previous: supplied(ret.previous ?? {}) },
      hasPrevious: ret.previous !== undefined,
      laCode: 'E06000034',
      placement: syntheticPlacementFacts(
        'E06000034',
        new Set([...(ret.current.UASC ?? []), ...(ret.previous?.UASC ?? [])].map((u) => u.CHILD ?? '')),
      ),
      ...info,
    }),
    children: index.children.values(),
    childId: (c) => c.id,
  })
}
