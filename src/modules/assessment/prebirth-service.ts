/**
 * The pre-birth prompt for a reader: the unborn child's family and their history from other
 * modules' published views, each relative read only as `relativeReading` allows for the reader
 * (links only to records they may open; a restricted relative they may not open is never read,
 * nor said to exist), and the rule in `prebirth-model.ts`. The page showing it has audited the
 * reader's view of the unborn child; the reads of each relative's history are audited here, on
 * the relative's own trail, before anything of theirs is shown.
 */
import type { AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { loadChildRecords } from '../../platform/permissions/store.js'
import { relativeReading } from './family-model.js'
import { prebirthPrompt, type Relative } from './prebirth-model.js'
import * as store from './prebirth-store.js'
import { auditRelativeReads, type AssessmentDeps, type RelativeRead } from './service.js'

export async function prebirthPromptFor(
  deps: AssessmentDeps,
  reader: Actor,
  childId: number,
  audit: AuditContext,
) {
  const child = await store.promptChild(deps.db, childId)
  // Cheap for nearly every record: only an unborn child not yet assessed reads the family.
  if (!child || child.kind !== 'unborn' || child.assessed) return null
  const now = deps.clock.now()
  const { parents, siblings } = await store.family(deps.db, childId)
  const records = await loadChildRecords(
    deps.db,
    [...parents, ...siblings].map((p) => p.id),
  )
  const relatives: Relative[] = []
  const reads: RelativeRead[] = []
  for (const [people, relation] of [
    [parents, 'parent'],
    [siblings, 'sibling'],
  ] as const)
    for (const p of people) {
      if (p.id === childId || reads.some((r) => r.id === p.id)) continue
      const reading = relativeReading(reader, records.get(p.id) ?? null, now)
      reads.push({ id: p.id, relation, reading })
      if (reading.read)
        relatives.push({
          id: p.id,
          name: `${p.given_name} ${p.family_name}`,
          relation,
          restricted: p.restricted,
          mayView: reading.link,
        })
    }
  await auditRelativeReads(deps.db, audit, childId, 'prebirth_prompt', reads)
  const readable = relatives.map((r) => r.id)
  return prebirthPrompt(child, relatives, await store.familyHistory(deps.db, readable))
}
