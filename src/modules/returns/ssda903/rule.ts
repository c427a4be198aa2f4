/**
 * The shapes an SSDA903 rule takes, and small helpers the rules share. See README.md
 * ("Writing a rule") for how to write one.
 *
 * A rule sees one child at a time: `child.current.Episodes`, `child.current.Header[0]`,
 * `child.previous.Episodes` (last year's rows, empty when no previous year was supplied), and
 * `ctx.header`, what the return as a whole says (which tables were supplied, derived placement
 * facts from the postcode reference).
 */
import type { IsoDate } from '../../../platform/calendar/working-days.js'
import type { ChildRule, ReturnRule, Rule, RuleContext, RuleRegistry, RuleSet } from '../engine.js'
import type { Ssda903Child } from './index.js'
import type { EpisodeRow, Ssda903Table } from './model.js'

/** Facts about a placement derived from its postcodes (the DfE's PL_DISTANCE, PL_LA, PL_LOCATION). */
export interface PlacementFacts {
  /** Miles between HOME_POST and PL_POST by the DfE formula, to 1 decimal place. */
  distance: number | null
  /** ONS code of the local authority PL_POST lies in. */
  la: string | null
  /** 'IN' or 'OUT' of the reporting authority's area. */
  location: 'IN' | 'OUT' | null
  /** Postcodes the reference table does not hold: a rule needing them reports that, not a guess. */
  unknownPostcodes: readonly string[]
}

/**
 * What the Ofsted provider list says about a URN (the validators' "Provider Info"). Present to a
 * rule only when a list was loaded: a rule reading it names `ProviderInfo` in `affects`.
 */
export interface ProviderFacts {
  urn: string
  /** The setting's postcode, upper case without spaces. */
  postcode: string | null
  /** ONS code of the upper-tier LA the setting lies in. */
  la: string | null
  /** Registration and closure dates (ISO); closed null while open. */
  registered: IsoDate | null
  closed: IsoDate | null
  /** The SSDA903 placement types (PLACE) and providers (PLACE_PROVIDER) the setting can be. */
  placeCodes: readonly string[]
  providerCodes: readonly string[]
}

/** What the return as a whole tells a rule. */
export interface Ssda903ReturnInfo {
  /** The tables supplied this year and last (a rule about an absent table does not run). */
  supplied: { current: ReadonlySet<Ssda903Table>; previous: ReadonlySet<Ssda903Table> }
  /** True when last year's return was given (`--previous`). */
  hasPrevious: boolean
  /** The reporting authority's ONS code, when known (for PL_LOCATION). */
  laCode: string | null
  /** Derived facts for an episode's placement, from the postcode reference table. */
  placement(episode: EpisodeRow): PlacementFacts
  /** The provider list's entry for a URN; null when the list has no such URN (or none was loaded). */
  provider(urn: string | null): ProviderFacts | null
}

/**
 * The tables a rule may name in `affects` and in its hits: this year's tables by their own
 * names, last year's with the validators' `_last` suffix (`Episodes_last`), and `ProviderInfo`,
 * the Ofsted provider list. The runner runs a rule only when every table in its `affects` was
 * supplied: a rule naming `Episodes_last` runs only when last year's Episodes were given, one
 * naming `ProviderInfo` only when a provider list was, one naming `PostcodeInfo` (it reads the
 * placement facts derived from postcodes) only when a postcode reference was given.
 */
export type Ssda903RuleTable = Ssda903Table | `${Ssda903Table}_last` | 'ProviderInfo' | 'PostcodeInfo'

export type Ssda903Rule = ChildRule<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>
export type Ssda903ReturnRule = ReturnRule<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>
export type AnySsda903Rule = Rule<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>
export type Ssda903Context = RuleContext<Ssda903ReturnInfo>
export type Ssda903RuleSet = RuleSet<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>
export type Ssda903RuleRegistry = RuleRegistry<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>

/** Within the collection year, both ends included (1 April to 31 March). */
export function inCollectionYear(date: IsoDate, ctx: Ssda903Context): boolean {
  return date >= ctx.collectionStart && date <= ctx.collectionEnd
}
