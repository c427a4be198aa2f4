import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHAIN_START, GENESIS_HASH, chainHash, sealEvents, walkChain, type SealedEvent } from './chain.js'

const KEY = 'unit test key'

/** A sealed chain over the given texts, as `verifyAudit` would read it back. */
function chainOf(texts: string[]): SealedEvent[] {
  const events = texts.map((rowText, i) => ({ id: i + 1, rowText }))
  return sealEvents(KEY, CHAIN_START, events).map((s, i) => ({ ...s, rowText: texts[i] ?? null }))
}

const problemsOf = (seals: SealedEvent[]) =>
  walkChain(KEY, CHAIN_START, seals).problems.map((p) => ({ seq: p.seq, eventId: p.eventId }))

describe('chainHash', () => {
  it('is HMAC-SHA256 of the previous hash, a newline and the row text', () => {
    const expected = createHmac('sha256', KEY).update(`${GENESIS_HASH}\n(1,x)`).digest('hex')
    expect(chainHash(KEY, GENESIS_HASH, '(1,x)')).toBe(expected)
  })

  it.each([
    ['another key', 'k2', GENESIS_HASH, '(1,x)'],
    ['another previous hash', KEY, 'f'.repeat(64), '(1,x)'],
    ['another row', KEY, GENESIS_HASH, '(1,y)'],
  ])('changes with %s', (_, key, prev, row) => {
    expect(chainHash(key, prev, row)).not.toBe(chainHash(KEY, GENESIS_HASH, '(1,x)'))
  })
})

describe('walkChain', () => {
  const texts = ['(1,a)', '(2,b)', '(3,c)', '(4,d)', '(5,e)']

  it('finds nothing wrong with an intact chain', () => {
    expect(problemsOf(chainOf(texts))).toEqual([])
  })

  const cases: [
    string,
    (c: SealedEvent[]) => SealedEvent[],
    { seq: number | null; eventId: number | null }[],
  ][] = [
    [
      'an altered row',
      (c) => c.map((s) => (s.seq === 3 ? { ...s, rowText: '(3,C)' } : s)),
      [{ seq: 3, eventId: 3 }],
    ],
    [
      'a removed row',
      (c) => c.map((s) => (s.seq === 2 ? { ...s, rowText: null } : s)),
      [{ seq: 2, eventId: 2 }],
    ],
    ['a removed seal', (c) => c.filter((s) => s.seq !== 4), [{ seq: 4, eventId: null }]],
    ['two removed seals', (c) => c.filter((s) => s.seq !== 2 && s.seq !== 3), [{ seq: 2, eventId: null }]],
    ['a removed first seal', (c) => c.slice(1), [{ seq: 1, eventId: null }]],
    [
      'a replaced seal',
      (c) =>
        c.map((s) =>
          s.seq === 2 ? { ...s, hash: chainHash('guessed key', s.prevHash, s.rowText ?? '') } : s,
        ),
      [
        { seq: 2, eventId: 2 },
        { seq: 3, eventId: 3 },
      ],
    ],
    [
      're-sequenced seals',
      (c) => {
        const [a, b, d, ...rest] = c
        if (!a || !b || !d) throw new Error('short chain')
        return [a, { ...d, seq: 2 }, { ...b, seq: 3 }, ...rest]
      },
      [
        { seq: 2, eventId: 3 },
        { seq: 3, eventId: 2 },
        { seq: 3, eventId: 2 },
        { seq: 4, eventId: 4 },
      ],
    ],
  ]

  it.each(cases)('reports %s', (_, tamper, expected) => {
    expect(problemsOf(tamper(chainOf(texts)))).toEqual(expected)
  })

  it('reports every seal when the key is wrong', () => {
    const { problems } = walkChain('wrong', CHAIN_START, chainOf(texts))
    expect(problems.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5])
  })

  it('gives the same answer walked a page at a time', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 30 }), fc.nat(30), (rows, cut) => {
        const chain = chainOf(rows)
        const whole = walkChain(KEY, CHAIN_START, chain)
        const first = walkChain(KEY, CHAIN_START, chain.slice(0, cut))
        const rest = walkChain(KEY, first.at, chain.slice(cut))
        expect([...first.problems, ...rest.problems]).toEqual(whole.problems)
        expect(rest.at).toEqual(whole.at)
      }),
    )
  })

  it('notices any single change to any row, any removal and any swap', () => {
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('alter' as const), at: fc.nat(), text: fc.string() }),
      fc.record({ kind: fc.constant('remove row' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('remove seal' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swap rows' as const), at: fc.nat() }),
    )
    fc.assert(
      fc.property(fc.uniqueArray(fc.string(), { minLength: 3, maxLength: 20 }), tamper, (rows, t) => {
        const chain = chainOf(rows)
        const i = t.at % (chain.length - 1) // never the last seal: see `verifyAudit`'s checkpoint
        const seal = chain[i]
        const next = chain[i + 1]
        if (!seal || !next) throw new Error('index out of range')
        let tampered: SealedEvent[]
        if (t.kind === 'alter') {
          fc.pre(t.text !== seal.rowText)
          tampered = chain.with(i, { ...seal, rowText: t.text })
        } else if (t.kind === 'remove row') tampered = chain.with(i, { ...seal, rowText: null })
        else if (t.kind === 'remove seal') tampered = chain.filter((_, k) => k !== i)
        else
          tampered = chain
            .with(i, { ...seal, rowText: next.rowText })
            .with(i + 1, { ...next, rowText: seal.rowText })
        expect(walkChain(KEY, CHAIN_START, tampered).problems.length).toBeGreaterThan(0)
      }),
    )
  })
})

describe('sealEvents', () => {
  it('numbers seals on from the head and links each to the one before', () => {
    const first = sealEvents(KEY, CHAIN_START, [{ id: 7, rowText: 'a' }])
    const head = first[0]
    if (!head) throw new Error('no seal')
    const more = sealEvents(KEY, { seq: head.seq, eventId: head.eventId, hash: head.hash }, [
      { id: 9, rowText: 'b' },
      { id: 12, rowText: 'c' },
    ])
    expect(more.map((s) => [s.seq, s.eventId])).toEqual([
      [2, 9],
      [3, 12],
    ])
    expect(more[0]?.prevHash).toBe(head.hash)
    expect(more[1]?.prevHash).toBe(more[0]?.hash)
    expect(head.prevHash).toBe(GENESIS_HASH)
  })
})
