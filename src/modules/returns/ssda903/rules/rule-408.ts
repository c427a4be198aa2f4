/** 408: a child placed for adoption under a placement order (A5, A6) has legal status E1. */
import type { EpisodeRow } from '../model.js'
import { rowRule } from './support-4xx-5xx.js'

const UNDER_PLACEMENT_ORDER = new Set(['A5', 'A6'])

export const rule408 = rowRule({
  code: '408',
  message: 'Child is placed for adoption with a placement order, but no placement order has been recorded.',
  table: 'Episodes',
  fields: ['PLACE', 'LS'],
  test: (e: EpisodeRow) => e.PLACE !== null && UNDER_PLACEMENT_ORDER.has(e.PLACE) && e.LS !== 'E1',
})
