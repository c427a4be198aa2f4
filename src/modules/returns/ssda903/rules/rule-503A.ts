/**
 * 503A: when last year's last episode was still open, this year's first episode carries on its
 * reason for new episode (RNE) (both blank counts as the same). Nothing is done without last year's Episodes.
 */
import { carriedOverRule } from './support-4xx-5xx.js'

export const rule503A = carriedOverRule({
  code: '503A',
  message: 'The reason for new episode in the first episode does not match open episode at end of last year.',
  field: 'RNE',
})
