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
import {
  hit,
  type ChildRule,
  type Located,
  type ReturnRule,
  type Rule,
  type RuleContext,
  type RuleHit,
  type RuleRegistry,
  type RuleSet,
} from '../engine.js'
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
 * What Ofsted's provider lists say about the provider a URN names (the DfE's "Provider Info",
 * from the children's homes and social care providers lists). Codes are upper case, postcodes
 * without spaces.
 */
export interface ProviderFacts {
  /** Placement types (PLACE) the provider's registration fits. */
  placeCodes: readonly string[]
  /** Placement provider codes (PLACE_PROVIDER, PR0–PR5) that fit the provider. */
  providerCodes: readonly string[]
  /** The provider's postcode. */
  postcode: string | null
  /** The day its registration ended, when it has closed. */
  registrationEnd: IsoDate | null
  /** The local authority its postcode lies in, in the same form as `laCode`. */
  la: string | null
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
  /**
   * The provider a URN names, or null when the reference does not hold it. Absent when no
   * provider reference was loaded: the rules that need it (219, 221, 224, 227–229) then do not run.
   */
  provider?: (urn: string) => ProviderFacts | null
}

export type Ssda903Rule = ChildRule<Ssda903Child, Ssda903Table, Ssda903ReturnInfo>
export type Ssda903ReturnRule = ReturnRule<Ssda903Child, Ssda903Table, Ssda903ReturnInfo>
export type AnySsda903Rule = Rule<Ssda903Child, Ssda903Table, Ssda903ReturnInfo>
export type Ssda903Context = RuleContext<Ssda903ReturnInfo>
export type Ssda903RuleSet = RuleSet<Ssda903Child, Ssda903Table, Ssda903ReturnInfo>
export type Ssda903RuleRegistry = RuleRegistry<Ssda903Child, Ssda903Table, Ssda903ReturnInfo>

/** Within the collection year, both ends included (1 April to 31 March). */
export function inCollectionYear(date: IsoDate, ctx: Ssda903Context): boolean {
  return date >= ctx.collectionStart && date <= ctx.collectionEnd
}

/** A hit on a row of last year's return (`child.previous`): the report says which year. */
export function previousYearHit(
  table: Ssda903Table,
  at: Located,
  fields: readonly string[],
  detail?: string,
): RuleHit<Ssda903Table> {
  return { ...hit(table, at, fields, detail), previousYear: true }
}
