/**
 * Validate a CIN census file: stream it through the reader and the year's rules.
 */
import { englandAndWales, type WorkingCalendar } from '../../../platform/calendar/working-days.js'
import { parseCollectionYear } from '../collection-year.js'
import { ruleContext, runRules, type ValidationResult } from '../engine.js'
import type { CinChild } from './model.js'
import type { CinRuleSet } from './rule.js'
import { cinRuleSets } from './rule-sets.js'
import { readCinFile, type CinXmlReader } from './xml-read.js'

export interface CinValidateOptions {
  calendar?: WorkingCalendar
  /** Run these rules instead of the year's registered set. */
  rules?: CinRuleSet
  onProgress?(children: number): void
}

/** Validate what a reader yields. The year's label must be one the registry knows. */
export async function validateCin(
  reader: CinXmlReader,
  yearLabel: string,
  options: CinValidateOptions = {},
): Promise<ValidationResult> {
  const year = parseCollectionYear(yearLabel)
  const rules = options.rules ?? cinRuleSets.forYear(year.label)
  const header = await reader.header()
  const run: Parameters<typeof runRules>[0] = {
    returnName: 'CIN census',
    rules,
    context: ruleContext(year, options.calendar ?? englandAndWales, header),
    children: [],
    batches: reader.childBatches(),
    childId: (c: CinChild) => c.LAchildID,
    readProblems: reader.problems,
  }
  if (options.onProgress) run.onProgress = options.onProgress
  const result = await runRules(run)
  // The reader adds problems as it goes: take the final list now the stream is exhausted.
  result.readProblems = [...reader.problems]
  return result
}

export async function validateCinFile(
  path: string,
  yearLabel: string,
  options: CinValidateOptions = {},
): Promise<ValidationResult> {
  return validateCin(readCinFile(path), yearLabel, options)
}
