/**
 * The front door's records as route subjects. A contact's page shows what the referrer said about
 * every child on it, so it needs access to every child found for the contact; one child's triage
 * needs access to that child (a sibling may be allocated to another worker); a referral is about
 * one child. A partner's own pages follow a rule of their own: the agency that made the
 * contact sees it, and no one else's.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import type { Decision } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { outOfHoursRecord } from './out-of-hours-store.js'
import { agencyOf } from './partner-service.js'
import { referralChild } from './referral-store.js'
import { contactChildById, contactChildSubject, contactSubject } from './store.js'

export const frontdoorSubjects: SubjectKinds = {
  contact: {
    params: { id: 'id' },
    async load(db, ids) {
      const contact = await contactSubject(db, ids.id as number)
      return contact && { recordType: 'contact', recordId: contact.id, childIds: contact.childIds }
    },
  },
  /** One child's triage on a contact: `/contacts/:id/children/:ccid`. */
  contact_child: {
    params: { id: 'id', ccid: 'id' },
    async load(db, ids) {
      const row = await contactChildSubject(db, ids.id as number, ids.ccid as number)
      if (!row) return null
      return {
        recordType: 'contact_child',
        recordId: row.id,
        childIds: row.child_id === null ? [] : [row.child_id],
      }
    },
  },
  /** A child's place on a contact named alone, as a task names it: `/contacts/children/:ccid`. */
  contact_child_task: {
    params: { ccid: 'id' },
    async load(db, ids) {
      const row = await contactChildById(db, ids.ccid as number)
      if (!row) return null
      return {
        recordType: 'contact_child',
        recordId: row.id,
        childIds: row.child_id === null ? [] : [row.child_id],
      }
    },
  },
  referral: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await referralChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'referral', recordId: ids.id as number, childIds: [childId] }
    },
  },
  /** A contact as the partner agency that made it sees it. */
  partner_contact: {
    params: { id: 'id' },
    async load(db, ids) {
      const contact = await contactSubject(db, ids.id as number)
      if (!contact) return null
      return {
        recordType: 'contact',
        recordId: contact.id,
        childIds: contact.childIds,
        decide: async (actor): Promise<Decision> => {
          if (actor.role !== 'partner_practitioner')
            return {
              allowed: false,
              basis: null,
              reason: 'These pages are for the agency that made the contact.',
            }
          const agencyId = await agencyOf(db, actor)
          return agencyId !== null && agencyId === contact.submitted_by_agency_id
            ? { allowed: true, basis: 'submitting_agency', reason: 'Your agency made this contact.' }
            : { allowed: false, basis: null, reason: 'This contact was made by another agency.' }
        },
      }
    },
  },
  /**
   * The emergency duty team's record: for the team that made it, and for the front door, which
   * picks it up. It names no child's record, so its own rule decides.
   */
  out_of_hours_record: {
    params: { id: 'id' },
    async load(db, ids) {
      const record = await outOfHoursRecord(db, ids.id as number)
      if (!record) return null
      return {
        recordType: 'out_of_hours_record',
        recordId: record.id,
        childIds: [],
        decide: (actor): Decision => {
          if (roleGrants(actor.role, 'contact.triage'))
            return { allowed: true, basis: 'front_door', reason: 'The front door picks up the record.' }
          const ownTeam =
            roleGrants(actor.role, 'out_of_hours.record') &&
            (record.recorded_by === actor.id ||
              (actor.teamId !== null && record.recordedByTeam === actor.teamId))
          return ownTeam
            ? { allowed: true, basis: 'emergency_duty_team', reason: 'Your team made this record.' }
            : {
                allowed: false,
                basis: null,
                reason: 'This record is for the emergency duty team and the MASH.',
              }
        },
      }
    },
  },
}
