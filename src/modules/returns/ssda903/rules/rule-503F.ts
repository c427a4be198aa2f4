/**
 * 503F: when last year's last episode was still open, this year's first episode carries on its
 * Ofsted URN (both blank counts as the same). Nothing is done without last year's Episodes.
 */
import { carriedOverRule } from './support-4xx-5xx.js'

export const rule503F = carriedOverRule({
  code: '503F',
  message: 'The Ofsted URN in the first episode does not match open episode at end of last year.',
  field: 'URN',
})
