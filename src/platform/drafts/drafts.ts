/**
 * Drafts: what a member of staff has typed into a form and not yet sent, kept on the server so
 * that a time-out, a closed tab or a crash loses nothing. A draft belongs to its author alone
 * (looked up by their id, sealed to them and the page), is written, restored and deleted with an
 * audit event naming the child the page is about, and lasts `keepDays` unless sent or deleted
 * sooner. The web side (http/drafts.ts) decides when each happens.
 */
import type { Db } from '../db/database.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../audit/audit.js'
import type { Clock } from '../calendar/clock.js'
import type { KeptAnswers } from '../http/form.js'
import type { Config } from '../config.js'
import { resolveSecretKey, type SecretKeyConfig } from '../secret-keys.js'
import { draftCipherKey, openAnswers, sealAnswers, type DraftOwner } from './seal.js'
import { deleteDraft, deleteExpiredDrafts, findDraft, putDraft } from './store.js'

export interface RestoredDraft {
  answers: KeptAnswers
  savedAt: Date
}

/** Why a draft was deleted. */
export type DraftEnd = 'sent' | 'deleted by its author'

export interface FormDrafts {
  save(ctx: AuditContext, owner: DraftOwner, answers: KeptAnswers, childId: number | null): Promise<void>
  /** The author's draft of the page, or null; audited when there is one. */
  restore(ctx: AuditContext, owner: DraftOwner, childId: number | null): Promise<RestoredDraft | null>
  discard(ctx: AuditContext, owner: DraftOwner, why: DraftEnd, childId: number | null): Promise<void>
  /** Deletes every draft past its time; returns how many. */
  purgeExpired(ctx: AuditContext): Promise<number>
}

const DAY = 86_400_000

export function formDrafts(deps: { db: Db; key: Buffer; clock: Clock; keepDays: number }): FormDrafts {
  const { db, key, clock } = deps
  const audited = (owner: DraftOwner, id: number, childId: number | null) => ({
    outcome: 'allowed' as const,
    recordType: 'form_draft',
    recordId: id,
    childId,
    detail: { page: owner.page },
  })
  return {
    async save(ctx, owner, answers, childId) {
      const savedAt = clock.now()
      const sealed = sealAnswers(key, owner, answers)
      await db.transaction().execute(async (trx) => {
        const id = await putDraft(trx, {
          ...owner,
          sealed,
          savedAt,
          expiresAt: new Date(savedAt.getTime() + deps.keepDays * DAY),
        })
        await recordAudit(trx, ctx, { action: 'draft.save', ...audited(owner, id, childId) })
      })
    },

    async restore(ctx, owner, childId) {
      const stored = await findDraft(db, owner.userId, owner.page, clock.now())
      if (!stored) return null
      const answers = openAnswers(key, owner, stored.sealed)
      if (!answers) {
        // Sealed under another key (DRAFT_KEY changed) or altered: nothing anyone can read.
        await recordAuditAlone(db, ctx, {
          action: 'draft.restore',
          ...audited(owner, stored.id, childId),
          outcome: 'failed',
        })
        return null
      }
      await recordAuditAlone(db, ctx, { action: 'draft.restore', ...audited(owner, stored.id, childId) })
      return { answers, savedAt: stored.savedAt }
    },

    async discard(ctx, owner, why, childId) {
      await db.transaction().execute(async (trx) => {
        const id = await deleteDraft(trx, owner.userId, owner.page)
        if (id === null) return
        const entry = audited(owner, id, childId)
        await recordAudit(trx, ctx, { action: 'draft.delete', ...entry, detail: { ...entry.detail, why } })
      })
    },

    async purgeExpired(ctx) {
      return db.transaction().execute(async (trx) => {
        const count = await deleteExpiredDrafts(trx, clock.now())
        if (count)
          await recordAudit(trx, ctx, {
            action: 'draft.expire',
            outcome: 'allowed',
            recordType: 'form_draft',
            detail: { count, keepDays: deps.keepDays },
          })
        return count
      })
    },
  }
}

/** The secret drafts are sealed with: DRAFT_KEY, or the fallbacks of secret-keys.ts. */
export function resolveDraftKey(config: SecretKeyConfig & Pick<Config, 'drafts'>): Buffer {
  const secret = resolveSecretKey(
    {
      variable: 'DRAFT_KEY',
      file: 'draft.key',
      developmentValue: 'haven-development-draft-key: not secret, never use in production',
      fallbackUse: 'sealing drafts',
    },
    config.drafts.key,
    config,
  )
  return draftCipherKey(secret)
}
