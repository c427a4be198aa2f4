/**
 * 503D: when last year's last episode was still open, this year's first episode carries on its
 * placement type (PLACE) (both blank counts as the same). Nothing is done without last year's Episodes.
 *
 * Codes the DfE replaced are not a mismatch: H5 carried on as K3 (from 2024/25) and Z1 as one
 * of Z11–Z14 (from 2025/26). Reading: the community validator allows each only in the year the
 * code changed; Haven allows them in any year, since an episode open across a later year end
 * would already carry the new code.
 */
import { carriedOverRule } from './support-4xx-5xx.js'

const RENAMED: Readonly<Record<string, readonly string[]>> = { H5: ['K3'], Z1: ['Z11', 'Z12', 'Z13', 'Z14'] }

export const rule503D = carriedOverRule({
  code: '503D',
  message: 'The placement type in the first episode does not match open episode at end of last year',
  field: 'PLACE',
  differs: (now, before) =>
    now !== before && !(before !== null && now !== null && RENAMED[before]?.includes(now)),
})
