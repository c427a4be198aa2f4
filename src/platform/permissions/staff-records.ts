/**
 * Staff members' own records (SEC-08): when HR links an account to the person record of the member
 * of staff, that record and their relatives' are restricted as a staff conflict, and the rule
 * (`allow`) never opens them to that member of staff, whatever grants they hold.
 */
import { recordAudit, type AuditContext } from '../audit/audit.js'
import type { Db } from '../db/database.js'
import { linkStaffToPerson } from './store.js'

export class StaffLinkError extends Error {}

export async function linkStaffRecord(
  db: Db,
  username: string,
  personId: number,
  audit: AuditContext,
): Promise<{ restricted: number[] }> {
  return db.transaction().execute(async (trx) => {
    const linked = await linkStaffToPerson(trx, username, personId)
    if (!linked) throw new StaffLinkError(`There is no account ${username}, or no person record ${personId}`)
    await recordAudit(trx, audit, {
      action: 'user.link_person',
      outcome: 'allowed',
      recordType: 'user',
      recordId: linked.userId,
      childId: personId,
      detail: { username, restricted: linked.restricted },
    })
    for (const childId of linked.restricted)
      await recordAudit(trx, audit, {
        action: 'child.restrict',
        outcome: 'allowed',
        childId,
        recordType: 'child',
        recordId: childId,
        detail: { category: 'staff_conflict', because: `linked to the account ${username}` },
      })
    return { restricted: linked.restricted }
  })
}
