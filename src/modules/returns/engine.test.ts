import { describe, expect, it } from 'vitest'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { parseCollectionYear } from './collection-year.js'
import {
  NO_HITS,
  RuleRegistry,
  RuleSet,
  UnknownCollectionYearError,
  hit,
  ruleContext,
  runRules,
  streamRules,
  type ChildRule,
  type Finding,
  type ReturnRule,
} from './engine.js'

// A toy return: a child is an id and a list of ages, one row each.
interface Toy {
  id: string
  ages: { row: number; line?: number; age: number | null }[]
}
type ToyRule = ChildRule<Toy, 'Ages', null>

const tooOld: ToyRule = {
  code: 'T1',
  type: 'error',
  message: 'Age over 25',
  affects: [{ table: 'Ages', fields: ['age'] }],
  check: (child) => {
    const hits = []
    for (const a of child.ages)
      if (a.age !== null && a.age > 25) hits.push(hit('Ages', a, ['age'], `${a.age}`))
    return hits.length ? hits : NO_HITS
  },
}
const blankAge: ToyRule = {
  code: 'T2Q',
  type: 'query',
  message: 'Age blank',
  affects: [{ table: 'Ages', fields: ['age'] }],
  check: (child) => child.ages.filter((a) => a.age === null).map((a) => hit('Ages', a, ['age'])),
}
const throws: ToyRule = {
  code: 'T3',
  type: 'error',
  message: 'Never evaluates',
  affects: [{ table: 'Ages', fields: ['age'] }],
  check: (child) => {
    if (child.id === 'bad') throw new TypeError('cannot read properties of undefined')
    return NO_HITS
  },
}
const duplicates: ReturnRule<Toy, 'Ages', null> = {
  scope: 'return',
  code: 'T4',
  type: 'error',
  message: 'Same id twice',
  affects: [{ table: 'Ages', fields: ['id'] }],
  begin: () => {
    const seen = new Map<string, number>()
    return {
      see: (c) => void seen.set(c.id, (seen.get(c.id) ?? 0) + 1),
      finish: () =>
        [...seen]
          .filter(([, n]) => n > 1)
          .map(([childId]) => ({ childId, table: 'Ages' as const, row: 0, fields: ['id'] })),
    }
  },
}

const ctx = ruleContext(parseCollectionYear('2025/26'), englandAndWales, null)

function child(id: string, ...ages: (number | null)[]): Toy {
  return { id, ages: ages.map((age, row) => ({ row, line: 10 + row, age })) }
}

async function run(rules: RuleSet<Toy, 'Ages', null>, children: Toy[]) {
  return runRules({ returnName: 'Toy', rules, context: ctx, children, childId: (c) => c.id })
}

describe('runRules', () => {
  const all = RuleSet.base('2025/26', [tooOld, blankAge, throws, duplicates])

  it('reports each finding with child, table, row, line, fields, code, type and message', async () => {
    const result = await run(all, [child('A', 20, 30), child('B', null)])
    expect(result.findings).toEqual([
      {
        childId: 'A',
        table: 'Ages',
        row: 1,
        line: 11,
        fields: ['age'],
        code: 'T1',
        type: 'error',
        message: 'Age over 25',
        detail: '30',
      },
      {
        childId: 'B',
        table: 'Ages',
        row: 0,
        line: 10,
        fields: ['age'],
        code: 'T2Q',
        type: 'query',
        message: 'Age blank',
      },
    ])
    expect(result).toMatchObject({ children: 2, errors: 1, queries: 1, couldNotEvaluate: 0 })
  })

  it('finds nothing in a clean return', async () => {
    const result = await run(all, [child('A', 1), child('B', 2)])
    expect(result.findings).toEqual([])
    expect(result.errors).toBe(0)
  })

  it('counts findings and children per rule', async () => {
    const result = await run(all, [child('A', 30, 40), child('B', 50), child('C', 1)])
    expect(result.counts.find((c) => c.code === 'T1')).toMatchObject({ findings: 3, children: 2 })
    expect(result.counts.find((c) => c.code === 'T2Q')).toMatchObject({ findings: 0, children: 0 })
  })

  it('turns a rule that throws into a "could not evaluate" finding and carries on', async () => {
    const result = await run(all, [child('bad', 30), child('C', 40)])
    const failed = result.findings.filter((f) => f.couldNotEvaluate)
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ childId: 'bad', code: 'T3' })
    expect(failed[0]?.message).toBe('Rule could not evaluate: cannot read properties of undefined')
    // The other rules still ran for that child and the next.
    expect(result.findings.filter((f) => f.code === 'T1').map((f) => f.childId)).toEqual(['bad', 'C'])
    expect(result.couldNotEvaluate).toBe(1)
    expect(result.counts.find((c) => c.code === 'T3')?.couldNotEvaluate).toBe(1)
  })

  it('runs whole-return rules over every child and reports at the end', async () => {
    const result = await run(all, [child('A', 1), child('B', 1), child('A', 2)])
    expect(result.findings.filter((f) => f.code === 'T4').map((f) => f.childId)).toEqual(['A'])
    const clean = await run(all, [child('A', 1), child('B', 1)])
    expect(clean.findings.filter((f) => f.code === 'T4')).toEqual([])
  })

  it('reads children in batches, as a reader hands them over', async () => {
    async function* batches() {
      yield [child('A', 99), child('B', 1)]
      yield []
      yield [child('C', 30)]
    }
    const result = await runRules({
      returnName: 'Toy',
      rules: all,
      context: ctx,
      children: [],
      batches: batches(),
      childId: (c) => c.id,
    })
    expect(result.children).toBe(3)
    expect(result.findings.filter((f) => f.code === 'T1').map((f) => f.childId)).toEqual(['A', 'C'])
  })

  it('does not call a rule on a child its relevance mask shares nothing with; a mask of 0 runs always', async () => {
    const calls: string[] = []
    const counting = (rule: ToyRule): ToyRule => ({
      ...rule,
      check: (c, context) => {
        calls.push(`${rule.code} ${c.id}`)
        return rule.check(c, context)
      },
    })
    // Bit 1: the child has ages. T1 reads ages; T2Q says nothing (0), so it runs for everyone.
    const result = await runRules({
      returnName: 'Toy',
      rules: RuleSet.base('2025/26', [counting(tooOld), counting(blankAge)]),
      context: ctx,
      children: [child('A', 30), child('B')],
      childId: (c) => c.id,
      relevance: { rule: (r) => (r.code === 'T1' ? 1 : 0), child: (c) => (c.ages.length > 0 ? 1 : 0) },
    })
    expect(calls).toEqual(['T1 A', 'T2Q A', 'T2Q B'])
    expect(result.findings.map((f) => `${f.code} ${f.childId}`)).toEqual(['T1 A'])
  })

  it('reads children from an async stream', async () => {
    async function* stream() {
      yield child('A', 99)
      yield child('B', 1)
    }
    const result = await runRules({
      returnName: 'Toy',
      rules: all,
      context: ctx,
      children: stream(),
      childId: (c) => c.id,
    })
    expect(result.children).toBe(2)
    expect(result.errors).toBe(1)
  })
})

describe('streamRules', () => {
  const all = RuleSet.base('2025/26', [tooOld, blankAge, throws, duplicates])
  const children = () => [child('A', 30, null), child('bad', 40), child('A', 1), child('C', 2)]

  it('hands the sink every finding in the order runRules keeps them, and keeps none itself', async () => {
    const seen: Finding[] = []
    const summary = await streamRules(
      { returnName: 'Toy', rules: all, context: ctx, children: children(), childId: (c) => c.id },
      { add: (f) => seen.push(f) },
    )
    const kept = await run(all, children())
    expect(seen).toEqual(kept.findings)
    expect(summary).not.toHaveProperty('findings')
    const { findings: _, ...rest } = kept
    expect(summary).toEqual(rest)
    expect(summary).toMatchObject({ errors: 3, queries: 1, couldNotEvaluate: 1 })
  })
})

describe('RuleSet and RuleRegistry', () => {
  const base = RuleSet.base('2024/25', [tooOld, blankAge])

  it('builds a year from the one before with additions and deletions', () => {
    const next = base.next('2025/26', { add: [throws], remove: ['T2Q'] })
    expect(next.codes()).toEqual(['T1', 'T3'])
    expect(base.codes()).toEqual(['T1', 'T2Q'])
  })

  it('replaces an amended rule in place, keeping its code', () => {
    const amended: ToyRule = { ...tooOld, message: 'Age over 21' }
    const next = base.next('2025/26', { add: [amended] })
    expect(next.codes()).toEqual(['T1', 'T2Q'])
    expect(next.rules[0]?.message).toBe('Age over 21')
  })

  it('refuses to delete a rule that is not there, or to register a code twice', () => {
    expect(() => base.next('2025/26', { remove: ['9999'] })).toThrow(/no such rule/)
    expect(() => RuleSet.base('2025/26', [tooOld, tooOld])).toThrow(/registered twice/)
  })

  it('finds the set for a year and names the years it has when asked for another', () => {
    const registry = new RuleRegistry('Toy', [base])
    expect(registry.forYear('2024/25')).toBe(base)
    expect(() => registry.forYear('2019/20')).toThrow(UnknownCollectionYearError)
    expect(() => registry.forYear('2019/20')).toThrow('There are no Toy rules for 2019/20: Haven has 2024/25')
  })

  it('can run a chosen few rules', () => {
    expect(base.only(['T2Q']).codes()).toEqual(['T2Q'])
  })
})
