/**
 * Sealing a draft's answers: AES-256-GCM under a key derived from DRAFT_KEY, with the author and
 * the page as additional data. A sealed draft therefore opens only for the person and page it was
 * written for; one copied to another row, altered or sealed under another key opens as nothing.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'
import type { KeptAnswers } from '../http/form.js'

const FORMAT = 'v1'
const IV_BYTES = 12

/** Whose draft, for which page: bound into every seal. */
export interface DraftOwner {
  userId: number
  page: string
}

/** The cipher key for drafts, derived from the configured secret (never the secret itself). */
export function draftCipherKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'haven', 'haven form drafts v1', 32))
}

const boundTo = (owner: DraftOwner) => Buffer.from(`haven-draft\u0000${owner.userId}\u0000${owner.page}`)

export function sealAnswers(key: Buffer, owner: DraftOwner, answers: KeptAnswers): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(boundTo(owner))
  const text = Buffer.concat([cipher.update(JSON.stringify(answers), 'utf8'), cipher.final()])
  return [FORMAT, iv, cipher.getAuthTag(), text]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.')
}

/** The answers, or null when the seal does not open for this owner under this key. */
export function openAnswers(key: Buffer, owner: DraftOwner, sealed: string): KeptAnswers | null {
  const [format, iv, tag, text, ...rest] = sealed.split('.')
  if (format !== FORMAT || iv === undefined || tag === undefined || text === undefined || rest.length)
    return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(boundTo(owner))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    const plain = Buffer.concat([decipher.update(Buffer.from(text, 'base64url')), decipher.final()])
    return answersFrom(JSON.parse(plain.toString('utf8')))
  } catch {
    return null
  }
}

/** Only names with text or lists of text survive: what was sealed was answers, nothing else. */
function answersFrom(value: unknown): KeptAnswers | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null
  const answers = Object.create(null) as KeptAnswers
  for (const [name, answer] of Object.entries(value)) {
    if (typeof answer === 'string') answers[name] = answer
    else if (Array.isArray(answer)) answers[name] = answer.filter((v): v is string => typeof v === 'string')
  }
  return answers
}
