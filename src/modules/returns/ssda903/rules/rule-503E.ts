/**
 * 503E: when last year's last episode was still open, this year's first episode carries on its
 * placement provider (PLACE_PROVIDER) (both blank counts as the same). Nothing is done without last year's Episodes.
 */
import { carriedOverRule } from './support-4xx-5xx.js'

export const rule503E = carriedOverRule({
  code: '503E',
  message: 'The placement provider in the first episode does not match open episode at end of last year.',
  field: 'PLACE_PROVIDER',
})
