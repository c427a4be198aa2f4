/**
 * 503B: when last year's last episode was still open, this year's first episode carries on its
 * legal status (LS) (both blank counts as the same). Nothing is done without last year's Episodes.
 */
import { carriedOverRule } from './support-4xx-5xx.js'

export const rule503B = carriedOverRule({
  code: '503B',
  message: 'The legal status in the first episode does not match open episode at end of last year.',
  field: 'LS',
})
