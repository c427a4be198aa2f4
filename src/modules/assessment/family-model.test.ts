import { describe, expect, it } from 'vitest'
import type { Actor, ChildRecord } from '../../platform/permissions/allow.js'
import { FAMILY_BASIS, NO_RECORD, relativeReading } from './family-model.js'

const now = new Date('2026-03-02T10:00:00Z')
const worker: Actor = { id: 1, role: 'social_worker', teamId: 10, agency: null, managedTeamIds: [] }
const police: Actor = {
  id: 2,
  role: 'partner_practitioner',
  teamId: null,
  agency: 'police',
  managedTeamIds: [],
}

function record(o: Partial<ChildRecord> = {}): ChildRecord {
  return { childId: 5, restricted: false, deleted: false, grants: [], staffLinks: [], ...o }
}
const allocatedTo = (userId: number) => ({
  userId,
  teamId: null,
  basis: 'allocated_worker',
  expiresAt: null,
  revokedAt: null,
})

describe('reading a relative for a child’s assessment work', () => {
  it.each([
    [
      'a relative the reader may open: read and linked',
      worker,
      record({ grants: [allocatedTo(1)] }),
      { read: true, link: true, restrictedOnly: false, basis: 'allocated_worker' },
    ],
    [
      'an unrestricted relative the reader may not open: read on the family basis, not linked',
      worker,
      record(),
      { read: true, link: false, restrictedOnly: false, basis: FAMILY_BASIS },
    ],
    [
      'a restricted relative the reader may not open: never read, only said to be there',
      worker,
      record({ restricted: true }),
      { read: false, link: false, restrictedOnly: true, basis: null },
    ],
    [
      'a restricted relative allocated to the reader: read and linked',
      worker,
      record({ restricted: true, grants: [allocatedTo(1)] }),
      { read: true, link: true, restrictedOnly: false },
    ],
    [
      'the reader’s own relative (SEC-08): nothing, not even that it is there',
      worker,
      record({ staffLinks: [{ userId: 1, link: 'relative' }] }),
      { read: false, restrictedOnly: false },
    ],
    [
      'a partner agency’s reader: nothing of a relative they may not open',
      police,
      record(),
      { read: false, restrictedOnly: false },
    ],
    [
      'a partner agency’s reader: nothing of a restricted one either',
      police,
      record({ restricted: true }),
      { read: false, restrictedOnly: false },
    ],
    ['a deleted record: nothing', worker, record({ deleted: true }), { read: false, reason: NO_RECORD }],
    ['no record: nothing', worker, null, { read: false, reason: NO_RECORD }],
  ])('%s', (_what, reader, relative, expected) => {
    expect(relativeReading(reader, relative, now)).toMatchObject(expected)
  })
})
