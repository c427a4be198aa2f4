/**
 * The triage page's household and duplicate forms: add a household child to the contact, mark
 * someone "not of this household", link this contact to an open one about the same child (one
 * decision covers both) and unlink it. Each posts back to the triage page.
 */
import { checkAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { linkDuplicate, unlinkDuplicate } from './duplicate-service.js'
import { addHouseholdChildSchema, excludeSchema, linkSchema, unlinkSchema } from './household-model.js'
import { addHouseholdChild, excludeFromHousehold } from './household-service.js'
import type { FrontdoorDeps } from './service.js'
import type { TriagePost } from './triage-routes.js'

export function householdRoutes(triagePost: TriagePost, deps: FrontdoorDeps): void {
  triagePost(
    'household/add',
    'contact.triage',
    'child.view',
    'household-add',
    [],
    async (request, id, body) => {
      const checked = checkAnswers(addHouseholdChildSchema, body, { childId: 'household' })
      if (!checked.ok) return checked.errors
      await addHouseholdChild(deps, requireUser(request), id, checked.data.childId, request.auditContext)
      return null
    },
  )

  triagePost(
    'household/exclude',
    'contact.triage',
    'child.view',
    'household-exclude',
    ['personId', 'excludeReason'],
    async (request, id, body) => {
      const checked = checkAnswers(excludeSchema, body)
      if (!checked.ok) return checked.errors
      const { personId, excludeReason } = checked.data
      await excludeFromHousehold(
        deps,
        requireUser(request),
        id,
        personId,
        excludeReason,
        request.auditContext,
      )
      return null
    },
  )

  triagePost(
    'duplicate/link',
    'contact.triage',
    'child.view',
    'link',
    ['linkedToId', 'linkReason'],
    async (request, id, body) => {
      const checked = checkAnswers(linkSchema, body)
      if (!checked.ok) return checked.errors
      const { linkedToId, linkReason } = checked.data
      await linkDuplicate(deps, requireUser(request), id, linkedToId, linkReason, request.auditContext)
      return null
    },
  )

  triagePost(
    'duplicate/unlink',
    'contact.triage',
    'child.view',
    'unlink',
    ['unlinkReason'],
    async (request, id, body) => {
      const checked = checkAnswers(unlinkSchema, body)
      if (!checked.ok) return checked.errors
      await unlinkDuplicate(deps, requireUser(request), id, checked.data.unlinkReason, request.auditContext)
      return null
    },
  )
}
