/**
 * 503C: when last year's last episode was still open, this year's first episode carries on its
 * category of need (CIN) (both blank counts as the same). Nothing is done without last year's Episodes.
 */
import { carriedOverRule } from './support-4xx-5xx.js'

export const rule503C = carriedOverRule({
  code: '503C',
  message: 'The category of need in the first episode does not match open episode at end of last year.',
  field: 'CIN',
})
