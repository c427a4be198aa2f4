/** The `form_draft` table (migration 0017): one sealed draft per person per page. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface StoredDraft {
  id: number
  sealed: string
  savedAt: Date
}

/** Writes the person's draft of the page, replacing any earlier one. Returns its id. */
export async function putDraft(
  db: Kysely<Database>,
  draft: { userId: number; page: string; sealed: string; savedAt: Date; expiresAt: Date },
): Promise<number> {
  const row = await db
    .insertInto('form_draft')
    .values({
      user_id: draft.userId,
      page: draft.page,
      sealed: draft.sealed,
      saved_at: draft.savedAt,
      expires_at: draft.expiresAt,
    })
    .onConflict((oc) =>
      oc.columns(['user_id', 'page']).doUpdateSet({
        sealed: draft.sealed,
        saved_at: draft.savedAt,
        expires_at: draft.expiresAt,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

/** The person's draft of the page, unless it has expired. */
export async function findDraft(
  db: Kysely<Database>,
  userId: number,
  page: string,
  now: Date,
): Promise<StoredDraft | null> {
  const row = await db
    .selectFrom('form_draft')
    .select(['id', 'sealed', 'saved_at'])
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row ? { id: Number(row.id), sealed: row.sealed, savedAt: row.saved_at } : null
}

/** Deletes the person's draft of the page; returns its id, or null when there was none. */
export async function deleteDraft(
  db: Kysely<Database>,
  userId: number,
  page: string,
): Promise<number | null> {
  const row = await db
    .deleteFrom('form_draft')
    .where('user_id', '=', userId)
    .where('page', '=', page)
    .returning('id')
    .executeTakeFirst()
  return row ? Number(row.id) : null
}

/** Deletes every draft past its time; returns how many. */
export async function deleteExpiredDrafts(db: Kysely<Database>, now: Date): Promise<number> {
  const rows = await db.deleteFrom('form_draft').where('expires_at', '<=', now).returning('id').execute()
  return rows.length
}
