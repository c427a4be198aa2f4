/** 420: no placement LA (so no placement postcode) for an episode of short breaks (legal status V3 or V4). */
import { factRule } from './support-4xx-5xx.js'

export const rule420 = factRule({
  code: '420',
  message: 'LA of placement completed but child is looked after under legal status V3 or V4.',
  fact: 'la',
  fields: ['LS'],
  applies: (e) => e.LS === 'V3' || e.LS === 'V4',
  faulty: (facts) => facts.la !== null,
})
