/** Password hashing with argon2id at OWASP's recommended cost. */
import argon2 from 'argon2'

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export const MIN_PASSWORD_LENGTH = 12

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS)
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // Verify against a throwaway hash when there is none, so a missing account takes as long to
  // refuse as a wrong password and usernames cannot be discovered by timing.
  const target = hash ?? (await dummyHash)
  try {
    const ok = await argon2.verify(target, password)
    return hash !== null && ok
  } catch {
    return false
  }
}

const dummyHash = argon2.hash('not a real password, only for timing', OPTIONS)
