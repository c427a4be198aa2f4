/**
 * The placement facts the DfE derives from an episode's postcodes (PL_DISTANCE, PL_LA,
 * PL_LOCATION), worked out from a postcode reference: the ONS Postcode Directory an authority
 * loads (`haven reference load-postcodes`), or the synthetic table shipped for the synthetic data.
 *
 * - Distance: the straight line between the two postcodes' grid references (eastings and
 *   northings, in metres), in miles: √(ΔE² + ΔN²) / 1000 / 1.6093, to one decimal place, as the
 *   DfE's guidance gives it.
 * - LA of placement: the upper-tier authority (the county where there is one) PL_POST lies in;
 *   `SCO`, `WAL` or `NIR` for a placement in Scotland, Wales or Northern Ireland.
 * - Location: IN when that is the reporting authority, OUT otherwise (always OUT outside England).
 *
 * A postcode the reference does not hold is never guessed at: the facts that need it are null
 * and it is listed in `unknownPostcodes`, for the rule to report.
 *
 * Only the postcodes a return uses are looked up (`collectPostcodes`, then one lookup), so a
 * validation never holds the directory's millions of rows.
 */
import type { Ssda903Index } from './index.js'
import type { EpisodeRow, Ssda903Return } from './model.js'
import type { PlacementFacts, ProviderFacts } from './rule.js'

/** What the reference says about one postcode (or postcode sector). */
export interface PostcodePoint {
  /** OS grid reference in metres; null when the directory has none for it. */
  easting: number | null
  northing: number | null
  /** ONS code of the upper-tier local authority (county or unitary) it lies in. */
  la: string | null
}

/** Look up a set of postcode keys (`postcodeKey`); keys the reference does not hold are left out. */
export type PostcodeLookup = (keys: ReadonlySet<string>) => Promise<ReadonlyMap<string, PostcodePoint>>

/**
 * Look a set of URNs up in the Ofsted provider list: the entries found, or null when there is no
 * list at all (the provider rules then do not run).
 */
export type ProviderLookup = (urns: ReadonlySet<string>) => Promise<ReadonlyMap<string, ProviderFacts> | null>

/** Every URN the return's episodes (this year's and last year's) give. */
export function collectUrns(index: Ssda903Index): Set<string> {
  const urns = new Set<string>()
  for (const child of index.children.values())
    for (const year of [child.current, child.previous])
      for (const episode of year.Episodes)
        if (episode.URN !== null && episode.URN !== '') urns.add(episode.URN)
  return urns
}

/** No reference at all (validating without the database): every postcode is unknown. */
export const NO_POSTCODES: PostcodeLookup = async () => new Map()

/** How postcodes are matched: upper case, without spaces ("rm17 6" and "RM176" are one key). */
export function postcodeKey(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase()
}

/** A whole UK postcode as a key: outward code, sector digit and unit letters ("RM176AA"). */
export const FULL_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/

/**
 * True when a postcode key is a whole postcode. The DfE asks for full postcodes in HOME_POST and
 * PL_POST (README, "Postcodes are full"): a partial one ("RM17 6") is not looked up, so it stays
 * unknown and rule 392c reports it.
 */
export function isFullPostcode(key: string): boolean {
  return FULL_POSTCODE.test(key)
}

const METRES_PER_MILE = 1000 * 1.6093

/** Miles between two grid references by the DfE formula, to one decimal place. */
export function distanceMiles(
  a: { easting: number; northing: number },
  b: { easting: number; northing: number },
): number {
  const metres = Math.hypot(a.easting - b.easting, a.northing - b.northing)
  return Math.round((metres / METRES_PER_MILE) * 10) / 10
}

// ONS codes outside England start with the country's letter.
const COUNTRY_CODES: Readonly<Record<string, string>> = { S: 'SCO', W: 'WAL', N: 'NIR' }

/** The placement LA as the DfE reports it: the authority's code, or the country outside England. */
export function placementLa(la: string): string {
  return COUNTRY_CODES[la.charAt(0)] ?? la
}

/**
 * Every postcode key the return's episodes (this year's and last year's) use, full postcodes
 * only: a partial or malformed one is never matched (to a sector row or anything else). Read from
 * the tables in file order (rows lie in memory in that order, and a child's are scattered) and
 * each postcode worked out once (600,000 in an England-sized return, 77,000 different); an
 * episode with a blank CHILD, which no rule sees, may add a key that is looked up for nothing.
 */
export function collectPostcodes(ret: Ssda903Return): Set<string> {
  const keys = new Set<string>()
  const seen = new Set<string>()
  const add = (text: string | null): void => {
    if (text === null || text === '' || seen.has(text)) return
    seen.add(text)
    const key = postcodeKey(text)
    if (isFullPostcode(key)) keys.add(key)
  }
  for (const tables of [ret.current, ret.previous])
    for (const episode of tables?.Episodes ?? []) {
      add(episode.HOME_POST)
      add(episode.PL_POST)
    }
  return keys
}

export const UNKNOWN_PLACEMENT: PlacementFacts = Object.freeze({
  distance: null,
  la: null,
  location: null,
  unknownPostcodes: Object.freeze([]) as readonly string[],
})

/**
 * Where a postcode as the episode gives it stands: its point when it is a whole postcode the
 * reference holds, else undefined (a partial one is never looked up, even where the reference
 * holds the sector it names).
 */
export type PointFinder = (postcode: string) => PostcodePoint | undefined

/** `PointFinder` straight from the postcodes looked up. */
export function pointFinder(points: ReadonlyMap<string, PostcodePoint>): PointFinder {
  return (postcode) => {
    const key = postcodeKey(postcode)
    return isFullPostcode(key) ? points.get(key) : undefined
  }
}

/** Distinct postcodes a finder remembers before it starts again: more than a return has. */
const POSTCODES_REMEMBERED = 200_000

/**
 * `pointFinder` that remembers each postcode's answer: an England-sized return gives 600,000
 * postcodes, 77,000 of them different, each asked about by a dozen rules.
 */
export function rememberingPointFinder(points: ReadonlyMap<string, PostcodePoint>): PointFinder {
  const find = pointFinder(points)
  const known = new Map<string, PostcodePoint | null>()
  return (postcode) => {
    let point = known.get(postcode)
    if (point === undefined) {
      point = find(postcode) ?? null
      if (known.size >= POSTCODES_REMEMBERED) known.clear()
      known.set(postcode, point)
    }
    return point ?? undefined
  }
}

/** The facts for one episode, from the postcodes looked up and the reporting LA's code. */
export function placementFacts(
  episode: EpisodeRow,
  points: ReadonlyMap<string, PostcodePoint>,
  laCode: string | null,
  find: PointFinder = pointFinder(points),
): PlacementFacts {
  const home = episode.HOME_POST ?? ''
  const placed = episode.PL_POST ?? ''
  // Code cells are trimmed, and null when blank.
  if (home === '' && placed === '') return UNKNOWN_PLACEMENT
  const unknown: string[] = []
  const homePoint = home === '' ? undefined : find(home)
  const placedPoint = placed === '' ? undefined : find(placed)
  if (home !== '' && !homePoint) unknown.push(home)
  if (placed !== '' && !placedPoint && postcodeKey(placed) !== postcodeKey(home)) unknown.push(placed)

  let distance: number | null = null
  if (
    homePoint?.easting != null &&
    homePoint.northing != null &&
    placedPoint?.easting != null &&
    placedPoint.northing != null
  )
    distance = distanceMiles(
      { easting: homePoint.easting, northing: homePoint.northing },
      { easting: placedPoint.easting, northing: placedPoint.northing },
    )

  const la = placedPoint?.la ? placementLa(placedPoint.la) : null
  let location: 'IN' | 'OUT' | null = null
  if (la !== null && la !== placedPoint?.la)
    location = 'OUT' // outside England
  else if (la !== null && laCode !== null) location = la === laCode ? 'IN' : 'OUT'
  return { distance, la, location, unknownPostcodes: unknown }
}

/** Episodes whose facts are remembered: more than a child has, far fewer than a return's. */
const REMEMBERED = 64

/**
 * `placement(episode)` for the rule context, each episode worked out once while the rules look at
 * its child. The runner takes one child at a time through every rule, so only the last few dozen
 * episodes are remembered, in a list searched from its newest end: a dozen rules ask about each
 * episode, and a map keyed by episode (let alone a WeakMap over a whole return, which cost the
 * collector dearly) costs more to ask than the list. The DfE leaves the distance blank for a
 * child who is or was an unaccompanied asylum-seeking child: `noDistance` says which episodes
 * those are (the runner passes the children with a UASC row either year).
 */
export function placementResolver(
  points: ReadonlyMap<string, PostcodePoint>,
  laCode: string | null,
  noDistance: (episode: EpisodeRow) => boolean = () => false,
): (episode: EpisodeRow) => PlacementFacts {
  const episodes: EpisodeRow[] = []
  const known: PlacementFacts[] = []
  const find = rememberingPointFinder(points)
  return (episode) => {
    for (let i = episodes.length - 1; i >= 0; i--)
      if (episodes[i] === episode) return known[i] as PlacementFacts
    let facts = placementFacts(episode, points, laCode, find)
    if (facts.distance !== null && noDistance(episode)) facts = { ...facts, distance: null }
    if (episodes.length >= REMEMBERED) {
      episodes.length = 0
      known.length = 0
    }
    episodes.push(episode)
    known.push(facts)
    return facts
  }
}
