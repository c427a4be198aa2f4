/**
 * The shapes a CIN census rule takes, and small helpers the rules share.
 * See ../README.md for how to write one.
 */
import type { IsoDate } from '../../../platform/calendar/working-days.js'
import type { ChildRule, ReturnRule, Rule, RuleContext, RuleRegistry, RuleSet } from '../engine.js'
import type { CinChild, CinHeader, CinTable } from './model.js'

/** A rule over one child: `check(child, ctx)` returns hits (use `NO_HITS` for none). */
export type CinRule = ChildRule<CinChild, CinTable, CinHeader>
/** A rule over the whole return (duplicates, percentages, the header). */
export type CinReturnRule = ReturnRule<CinChild, CinTable, CinHeader>
export type AnyCinRule = Rule<CinChild, CinTable, CinHeader>
export type CinContext = RuleContext<CinHeader>
export type CinRuleSet = RuleSet<CinChild, CinTable, CinHeader>
export type CinRuleRegistry = RuleRegistry<CinChild, CinTable, CinHeader>

/** Within the collection period, both ends included (1 April to 31 March). */
export function inCensusYear(date: IsoDate, ctx: CinContext): boolean {
  return date >= ctx.collectionStart && date <= ctx.collectionEnd
}
