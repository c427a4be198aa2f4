/**
 * A placement's commissioning route and weekly cost as its forms send them, and money as whole
 * pence. Apart from placement-model.ts so that model.ts (the placement forms) can read them
 * without importing the model that imports it.
 */
import type { z } from 'zod'

export const COMMISSIONING_ROUTES = {
  in_house: 'In-house',
  framework: 'Framework or contract',
  spot: 'Spot purchase',
} as const
export type CommissioningRoute = keyof typeof COMMISSIONING_ROUTES
export const isRoute = (v: unknown): v is CommissioningRoute =>
  typeof v === 'string' && Object.hasOwn(COMMISSIONING_ROUTES, v)

// ---------------------------------------------------------------------------------------------
// Money: whole pence, as an integer.

/** Up to £1,000,000 a week: more is a typing slip, not a placement. */
export const MAX_WEEKLY_PENCE = 100_000_000

/**
 * "£1,234.50", "1234.5" or "1234" as pence, or why not: not a number, negative, more than two
 * decimal places or implausibly large.
 */
export function readPence(raw: string): number | { message: string } {
  const text = raw.trim().replace(/^£/, '').replace(/,/g, '').trim()
  if (text === '') return { message: 'Enter the weekly cost' }
  if (text.startsWith('-')) return { message: 'The weekly cost must be £0 or more' }
  if (!/^\d+(\.\d{1,2})?$/.test(text))
    return { message: 'The weekly cost must be an amount in pounds and pence, like 875.50' }
  const [pounds, pence = ''] = text.split('.') as [string, string?]
  const value = Number(pounds) * 100 + Number(pence.padEnd(2, '0'))
  if (value > MAX_WEEKLY_PENCE) return { message: 'The weekly cost must be £1,000,000 or less' }
  return value
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })

/** 87358 → "£873.58". */
export function penceText(pence: number): string {
  return POUNDS.format(pence / 100)
}

/**
 * The route and weekly cost as the placement's forms send them: both blank is none (an emergency
 * placement's price may not be agreed yet); a cost needs its route; a framework or spot
 * purchase needs its cost. Issues on `route` and `weeklyCost`.
 */
export function readCommissioning(
  v: { route?: string | undefined; weeklyCost?: string | undefined },
  ctx: z.RefinementCtx,
  required: boolean,
): { route: CommissioningRoute; weeklyPence: number | null } | null | undefined {
  const route = v.route?.trim() ?? ''
  const cost = v.weeklyCost?.trim() ?? ''
  if (route === '' && cost === '' && !required) return null
  let ok = true
  if (!isRoute(route)) {
    ctx.addIssue({ code: 'custom', path: ['route'], message: 'Select how the placement is commissioned' })
    ok = false
  }
  let pence: number | null = null
  if (cost !== '' || (isRoute(route) && route !== 'in_house')) {
    const read = readPence(cost)
    if (typeof read === 'number') pence = read
    else {
      ctx.addIssue({ code: 'custom', path: ['weeklyCost'], message: read.message })
      ok = false
    }
  }
  if (!ok || !isRoute(route)) return undefined
  return { route, weeklyPence: pence }
}
