/**
 * Validate a CIN census file: stream it through the reader and the year's rules. The findings
 * go to a sink as they are found (`streamCinFile`, what the CLI uses), or are collected in
 * memory for small files and tests (`validateCinFile`).
 */
import { englandAndWales, type WorkingCalendar } from '../../../platform/calendar/working-days.js'
import { parseCollectionYear } from '../collection-year.js'
import {
  CollectingSink,
  ruleContext,
  streamRules,
  type FindingSink,
  type ValidationResult,
  type ValidationSummary,
} from '../engine.js'
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

/** Validate what a reader yields, sending each finding to `sink`. The year's label must be one the registry knows. */
export async function streamCin(
  reader: CinXmlReader,
  yearLabel: string,
  sink: FindingSink,
  options: CinValidateOptions = {},
): Promise<ValidationSummary> {
  const year = parseCollectionYear(yearLabel)
  const rules = options.rules ?? cinRuleSets.forYear(year.label)
  const header = await reader.header()
  const run: Parameters<typeof streamRules>[0] = {
    returnName: 'CIN census',
    rules,
    context: ruleContext(year, options.calendar ?? englandAndWales, header),
    children: [],
    batches: reader.childBatches(),
    childId: (c: CinChild) => c.LAchildID,
    readProblems: reader.problems,
  }
  if (options.onProgress) run.onProgress = options.onProgress
  const summary = await streamRules(run, sink)
  // The reader adds problems as it goes: take the final list now the stream is exhausted.
  summary.readProblems = [...reader.problems]
  return summary
}

export async function streamCinFile(
  path: string,
  yearLabel: string,
  sink: FindingSink,
  options: CinValidateOptions = {},
): Promise<ValidationSummary> {
  return streamCin(readCinFile(path), yearLabel, sink, options)
}

/** Validate what a reader yields, keeping every finding in memory. */
export async function validateCin(
  reader: CinXmlReader,
  yearLabel: string,
  options: CinValidateOptions = {},
): Promise<ValidationResult> {
  const sink = new CollectingSink()
  const summary = await streamCin(reader, yearLabel, sink, options)
  return { ...summary, findings: sink.findings }
}

export async function validateCinFile(
  path: string,
  yearLabel: string,
  options: CinValidateOptions = {},
): Promise<ValidationResult> {
  return validateCin(readCinFile(path), yearLabel, options)
}
