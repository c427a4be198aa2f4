/**
 * Protection's records as route subjects: a strategy discussion and a section 47 enquiry are about
 * one child; a conference about each child it covers (every one must be allowed). An invitation
 * decides by its own rule: the invited partner practitioner, while their access to every child
 * lasts, or anyone who may change every child's record.
 */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { invitationChildIds } from './conference-service.js'
import { conferenceChildIds, loadInvitation } from './conference-store.js'
import { s47Child } from './s47-store.js'
import { strategyDiscussionChild } from './store.js'

export const protectionSubjects: SubjectKinds = {
  strategy_discussion: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await strategyDiscussionChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'strategy_discussion', recordId: ids.id as number, childIds: [childId] }
    },
  },
  s47: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await s47Child(db, ids.id as number)
      return childId === null ? null : { recordType: 's47', recordId: ids.id as number, childIds: [childId] }
    },
  },
  child_protection_conference: {
    params: { id: 'id' },
    async load(db, ids) {
      const childIds = await conferenceChildIds(db, ids.id as number)
      return childIds.length === 0
        ? null
        : { recordType: 'child_protection_conference', recordId: ids.id as number, childIds }
    },
  },
  protection_invitation: {
    params: { id: 'id' },
    async load(db, ids) {
      const id = ids.id as number
      const invitation = await loadInvitation(db, id)
      const childIds = await invitationChildIds(db, id)
      if (invitation === undefined || childIds === null || childIds.length === 0) return null
      const records = await Promise.all(childIds.map((c) => loadChildRecord(db, c)))
      return {
        recordType: 'protection_invitation',
        recordId: id,
        childIds,
        aboutChild: childIds[0] as number,
        // Grants are live or expired by the request's time, as the platform's clock gives it.
        decide: (actor, now) => {
          const edit = records.map((r) => allow(actor, 'child.edit', r, now))
          if (edit.every((d) => d.allowed)) return edit[0] as (typeof edit)[number]
          const view = records.map((r) => allow(actor, 'child.view', r, now))
          const refused = view.find((d) => !d.allowed)
          if (refused) return refused
          if (invitation.user_id === actor.id) return view[0] as (typeof view)[number]
          return {
            allowed: false,
            basis: null,
            reason:
              'Only the practitioner invited, or the children’s social worker, records this agency’s contribution.',
          }
        },
      }
    },
  },
}
