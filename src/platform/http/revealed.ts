/**
 * Questions revealed under a choice: GOV.UK Frontend's conditional reveal on radios and
 * checkboxes (`conditional: { html }` on an item). With JavaScript a revealed question shows
 * only once its choice is made; without it every revealed question is on the page under its
 * choice, so a form can arrive with answers under a choice that was not made. Those answers are
 * left out before the form's schema checks it: they neither block the form nor get saved. The
 * answers shown again on an error still hold them (`keepAnswers` reads the request, not this), so
 * nobody loses what they typed.
 */
import { z } from 'zod'

/** Fields revealed under one choice: `fields` count only when `name`'s answer is `value`. */
export interface Reveal {
  /** The radios' or checkboxes' name. */
  name: string
  /** The choice (or choices) the fields sit under. */
  value: string | readonly string[]
  /** The revealed fields' names, as posted (a date's three boxes each). */
  fields: readonly string[]
}

function chosen(answer: unknown, value: string | readonly string[]): boolean {
  const values: readonly string[] = typeof value === 'string' ? [value] : value
  if (typeof answer === 'string') return values.includes(answer)
  return Array.isArray(answer) && answer.some((a) => typeof a === 'string' && values.includes(a))
}

/** The answers without each revealed field whose choice was not made; anything else as given. */
export function answersChosen(answers: unknown, reveals: readonly Reveal[]): unknown {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return answers
  const given = answers as Record<string, unknown>
  // A field revealed under two choices (the same question under each) counts when either is made.
  const counted = new Set(reveals.filter((r) => chosen(given[r.name], r.value)).flatMap((r) => r.fields))
  const dropped = new Set(reveals.flatMap((r) => r.fields).filter((f) => !counted.has(f)))
  const kept = Object.create(null) as Record<string, unknown>
  for (const [name, answer] of Object.entries(given)) if (!dropped.has(name)) kept[name] = answer
  return kept
}

/** `schema`, checking only the revealed answers whose choice was made. */
export function withReveals<S extends z.ZodType>(reveals: readonly Reveal[], schema: S) {
  return z.preprocess((answers) => answersChosen(answers, reveals), schema)
}

/** A date input's three boxes, as `Reveal.fields` names them. */
export function dateBoxes(id: string): string[] {
  return [`${id}-day`, `${id}-month`, `${id}-year`]
}
