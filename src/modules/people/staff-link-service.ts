/**
 * Staff members' own records (SEC-08). HR links an account to its holder's person record; that
 * record and every record with a relationship to it are restricted as a staff conflict, each with
 * a restriction authorised by a manager and due for review like any other (SEC-09). The
 * permission rule then never opens them to that member of staff, whatever they hold.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { authoriserProblem, RESTRICTION_REVIEW_MAX_DAYS } from './restriction-model.js'
import { addCalendarDays, londonToday } from '../../platform/calendar/dates.js'
import { grantToManage } from './restriction-service.js'
import { findPossibleAuthoriser, findRestrictionInForce, insertRestriction } from './restriction-store.js'
import { findAccountId, linkAccountToPerson, personAndRelatives } from './store.js'

export class StaffLinkError extends Error {}

/** The clock defaults to the system's for the command line, which does not pass one yet. */
export async function linkStaffRecord(
  db: Db,
  link: { username: string; personId: number; authorisedBy: string },
  audit: AuditContext,
  clock: Clock,
): Promise<{ restricted: number[] }> {
  const now = clock.now()
  const authoriser = await findAccountId(db, link.authorisedBy)
  const problem = authoriserProblem(authoriser ? await findPossibleAuthoriser(db, authoriser.id) : null)
  if (problem || !authoriser) throw new StaffLinkError(`--authorised-by: ${problem ?? 'no such account'}`)
  const reviewDue = addCalendarDays(londonToday(now), RESTRICTION_REVIEW_MAX_DAYS)
  return db.transaction().execute(async (trx) => {
    const people = await personAndRelatives(trx, link.personId)
    if (!people.some((p) => p.id === link.personId))
      throw new StaffLinkError(`There is no person record ${link.personId}`)
    const userId = await linkAccountToPerson(trx, link.username, link.personId)
    if (userId === null) throw new StaffLinkError(`There is no account ${link.username}`)
    const restricted: number[] = []
    for (const person of people) {
      if (person.restricted || (await findRestrictionInForce(trx, person.id))) continue
      const whose = person.id === link.personId ? 'the record of' : 'a relative of'
      const restrictionId = await insertRestriction(trx, {
        personId: person.id,
        category: 'staff_conflict',
        reason: `Staff conflict: ${whose} the member of staff ${link.username}`,
        authorisedBy: authoriser.id,
        recordedBy: authoriser.id,
        reviewDue,
        at: now,
      })
      await grantToManage(
        trx,
        person.id,
        [authoriser.id],
        authoriser.id,
        reviewDue,
        `Authorised restriction ${restrictionId} (staff conflict): to manage and review it`,
      )
      await recordCaseEvent(trx, {
        childId: person.id,
        subjectType: 'restriction',
        subjectId: restrictionId,
        type: 'restriction.added',
        occurredAt: now,
        summary: 'Record restricted (staff conflict)',
        recordedBy: authoriser.id,
        attributes: { category: 'staff_conflict', reviewDue, authorisedBy: authoriser.id },
      })
      await recordAudit(trx, audit, {
        action: 'child.restrict',
        outcome: 'allowed',
        childId: person.id,
        recordType: 'child',
        recordId: person.id,
        detail: {
          category: 'staff_conflict',
          because: `linked to the account ${link.username}`,
          restrictionId,
        },
      })
      restricted.push(person.id)
    }
    await recordAudit(trx, audit, {
      action: 'user.link_person',
      outcome: 'allowed',
      recordType: 'user',
      recordId: userId,
      childId: link.personId,
      detail: { username: link.username, authorisedBy: link.authorisedBy, restricted },
    })
    return { restricted }
  })
}
