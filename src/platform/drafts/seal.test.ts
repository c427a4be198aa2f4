import { describe, expect, it } from 'vitest'
import { draftCipherKey, openAnswers, sealAnswers } from './seal.js'

const key = draftCipherKey('a secret of at least thirty-two characters')
const owner = { userId: 7, page: '/contacts/12/children/3/decision' }
const answers = { decisionReason: 'Seen at school; mother reports…', teamIds: ['2', '5'] }

describe('sealing a draft', () => {
  it('opens for its owner and page, as it was sealed', () => {
    const sealed = sealAnswers(key, owner, answers)
    expect(sealed).not.toContain('Seen at school')
    expect(openAnswers(key, owner, sealed)).toEqual(answers)
  })

  it('seals the same answers differently each time', () => {
    expect(sealAnswers(key, owner, answers)).not.toBe(sealAnswers(key, owner, answers))
  })

  it('opens as nothing for another person, another page, another key, or once altered', () => {
    const sealed = sealAnswers(key, owner, answers)
    expect(openAnswers(key, { ...owner, userId: 8 }, sealed)).toBeNull()
    expect(openAnswers(key, { ...owner, page: '/contacts/12/children/4/decision' }, sealed)).toBeNull()
    expect(
      openAnswers(draftCipherKey('another secret of at least thirty-two chars'), owner, sealed),
    ).toBeNull()
    const [format, iv, tag, text] = sealed.split('.') as [string, string, string, string]
    const flipped = (text[0] === 'A' ? 'B' : 'A') + text.slice(1)
    expect(openAnswers(key, owner, [format, iv, tag, flipped].join('.'))).toBeNull()
    expect(openAnswers(key, owner, 'not a seal')).toBeNull()
  })
})
