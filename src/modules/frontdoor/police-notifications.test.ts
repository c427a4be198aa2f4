import { describe, expect, it } from 'vitest'
import {
  bulkHoldBack,
  holdBackSentence,
  isPoliceNotification,
  parsePoliceRisk,
  type NotificationRisk,
} from './police-notifications.js'

const risk = (r: Partial<NotificationRisk>): NotificationRisk => ({
  dashRisk: null,
  injuryMentioned: null,
  notificationsIn12Months: 1,
  ...r,
})

describe('bulkHoldBack', () => {
  it.each([
    [risk({}), []],
    [risk({ dashRisk: 'standard' }), []],
    [risk({ dashRisk: 'medium' }), []],
    [risk({ dashRisk: 'high' }), ['high_dash']],
    [risk({ notificationsIn12Months: 2 }), []],
    [risk({ notificationsIn12Months: 3 }), ['repeat']],
    [risk({ notificationsIn12Months: 7 }), ['repeat']],
    [risk({ injuryMentioned: false }), []],
    [risk({ injuryMentioned: true }), ['injury']],
    [
      risk({ dashRisk: 'high', notificationsIn12Months: 3, injuryMentioned: true }),
      ['high_dash', 'repeat', 'injury'],
    ],
  ] as const)('%j is held back for %j', (given, reasons) => {
    expect(bulkHoldBack(given)).toEqual(reasons)
  })
})

describe('holdBackSentence', () => {
  it.each([
    [[], null],
    [['injury'], 'Goes to individual triage: the notification mentions an injury.'],
    [
      ['high_dash', 'injury'],
      'Goes to individual triage: the police assessed the risk as high (DASH) and the notification mentions an injury.',
    ],
    [
      ['high_dash', 'repeat', 'injury'],
      'Goes to individual triage: the police assessed the risk as high (DASH); this is the third or later police notification about the child in 12 months and the notification mentions an injury.',
    ],
  ] as const)('%j reads %j', (reasons, text) => {
    expect(holdBackSentence(reasons)).toBe(text)
  })
})

describe('isPoliceNotification', () => {
  it.each([
    [{ domestic_abuse: true, referral_source: '6', channel: 'phone' }, true],
    [{ domestic_abuse: true, referral_source: '3A', channel: 'police_notification' }, true],
    [{ domestic_abuse: false, referral_source: '6', channel: 'police_notification' }, false],
    [{ domestic_abuse: true, referral_source: '3A', channel: 'phone' }, false],
  ])('%j is %s', (c, expected) => {
    expect(isPoliceNotification(c)).toBe(expected)
  })
})

describe('parsePoliceRisk', () => {
  it.each([
    [{}, { dashRisk: null, maracReferral: null, injuryMentioned: null }],
    [
      { dashRisk: 'high', maracReferral: 'yes', injuryMentioned: 'no' },
      { dashRisk: 'high', maracReferral: true, injuryMentioned: false },
    ],
    [
      { dashRisk: 'not_assessed', maracReferral: 'not_known', injuryMentioned: 'yes' },
      { dashRisk: null, maracReferral: null, injuryMentioned: true },
    ],
  ])('%j reads as %j', (answers, risk) => {
    expect(parsePoliceRisk(answers)).toEqual({ ok: true, risk })
  })

  it.each([
    [{ dashRisk: 'severe' }, ['dashRisk']],
    [{ maracReferral: 'maybe', injuryMentioned: ['yes', 'no'] }, ['maracReferral', 'injuryMentioned']],
  ])('%j is refused on %j', (answers, fields) => {
    const parsed = parsePoliceRisk(answers)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems.map((p) => p.field)).toEqual(fields)
  })
})
