/**
 * The pre-birth prompt for a reader: the unborn child's family and their history from other
 * modules' published views, each relative checked with `allow()` for the reader (links only to
 * records they may open; a restricted relative they may not open is never read), and the rule in
 * `prebirth-model.ts`. A read: the record page or the start page that shows it has audited the
 * reader's view of the child.
 */
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { historyReadable, prebirthPrompt, type Relative } from './prebirth-model.js'
import * as store from './prebirth-store.js'
import type { AssessmentDeps } from './service.js'

export async function prebirthPromptFor(deps: AssessmentDeps, reader: Actor, childId: number) {
  const child = await store.promptChild(deps.db, childId)
  // Cheap for nearly every record: only an unborn child not yet assessed reads the family.
  if (!child || child.kind !== 'unborn' || child.assessed) return null
  const now = deps.clock.now()
  const { parents, siblings } = await store.family(deps.db, childId)
  const relatives: Relative[] = []
  for (const [people, relation] of [
    [parents, 'parent'],
    [siblings, 'sibling'],
  ] as const)
    for (const p of people) {
      if (relatives.some((r) => r.id === p.id)) continue
      const record = await loadChildRecord(deps.db, p.id)
      relatives.push({
        id: p.id,
        name: `${p.given_name} ${p.family_name}`,
        relation,
        restricted: p.restricted,
        mayView: record !== null && allow(reader, 'child.view', record, now).allowed,
      })
    }
  const readable = relatives.filter(historyReadable).map((r) => r.id)
  return prebirthPrompt(child, relatives, await store.familyHistory(deps.db, readable))
}
