/**
 * Benchmark: validate synthetic CIN census files of 3,000, 30,000 and 700,000 children
 * (England-sized) with every registered CIN rule, and report wall time, children per second
 * and peak memory. Each size runs in its own child process so the peak RSS is that run's.
 *
 *   npx tsx bench/returns-cin.ts            all sizes, results to bench/results/returns-cin.{json,md}
 *   npx tsx bench/returns-cin.ts 30000      one size, printed only
 *
 * The generator here is a stop-gap: a small, seeded, self-contained one. The synthetic
 * authority (src/modules/synth) will take its place.
 */
import { execFileSync } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { addCalendarDays, englandAndWales } from '../src/platform/calendar/working-days.js'
import { validateCinFile } from '../src/modules/returns/cin/validate.js'

const SIZES = [3_000, 30_000, 700_000]
const TARGETS: Record<number, string> = { 3_000: '< 1 s', 700_000: '< 30 s and < 2 GB' }

/** A small seeded generator (mulberry32), so every run writes the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ETHNICITIES = ['WBRI', 'WOTH', 'MWBC', 'AIND', 'APKN', 'BAFR', 'BCRB', 'CHNE', 'OOTH', 'NOBT']
const SOURCES = ['1A', '2A', '3A', '3E', '5D', '6', '8', '10']
const NEEDS = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8']
const FACTORS = ['1B', '2B', '3A', '3B', '4B', '16A', '17A', '18C', '22A', '24A']
const ABUSE = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL']
const DISABILITIES = ['MOB', 'HAND', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'AUT']

const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ'

/** A UPN with a correct check letter: LA 201, then the child's number. */
function upn(i: number): string {
  const body = `201${String(i).padStart(9, '0')}`
  let sum = 0
  for (let k = 0; k < body.length; k++) sum += Number(body[k]) * (k + 2)
  return `${CHECK_LETTERS[sum % 23]}${body}`
}

/** Write a CIN census of `n` children for 2025/26; about 3% of children carry a defect. */
export async function writeSyntheticCin(path: string, n: number, seed = 1): Promise<void> {
  const rnd = random(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T
  const day = (from: string, maxDays: number) => addCalendarDays(from, Math.floor(rnd() * maxDays))
  const out = createWriteStream(path, { encoding: 'utf8' })
  let buffer =
    '<?xml version="1.0" encoding="utf-8"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n' +
    '      <Collection>CIN</Collection>\n      <Year>2026</Year>\n      <ReferenceDate>2026-03-31</ReferenceDate>\n' +
    '    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>201</LEA>\n' +
    '      <SoftwareCode>Haven bench</SoftwareCode>\n      <Release>1</Release>\n      <SerialNo>001</SerialNo>\n' +
    '      <DateTime>2026-04-20T09:00:00</DateTime>\n    </Source>\n  </Header>\n  <Children>\n'
  const el = (indent: number, name: string, value: string) =>
    `${'  '.repeat(indent)}<${name}>${value}</${name}>\n`
  for (let i = 0; i < n; i++) {
    const defect = rnd() < 0.03 ? Math.floor(rnd() * 6) : -1
    const referral = day('2025-04-01', 330)
    const birth = day('2008-01-01', 6000)
    let x = '    <Child>\n      <ChildIdentifiers>\n'
    x += el(4, 'LAchildID', defect === 0 ? `C-${i}!` : `C${String(i).padStart(7, '0')}`)
    if (rnd() < 0.7) x += el(4, 'UPN', upn(i))
    else x += el(4, 'UPNunknown', pick(['UN2', 'UN3', 'UN5']))
    x += el(4, 'PersonBirthDate', defect === 1 ? '2015-02-30' : birth)
    x += el(4, 'Sex', defect === 2 ? 'X' : pick(['M', 'F']))
    x += '      </ChildIdentifiers>\n      <ChildCharacteristics>\n'
    x += el(4, 'Ethnicity', defect === 3 ? 'WHITE' : pick(ETHNICITIES))
    x += '        <Disabilities>\n'
    x += el(5, 'Disability', rnd() < 0.85 ? 'NONE' : pick(DISABILITIES))
    x += '        </Disabilities>\n      </ChildCharacteristics>\n'
    const episodes = rnd() < 0.15 ? 2 : 1
    let from = referral
    for (let e = 0; e < episodes; e++) {
      const last = e === episodes - 1
      const nfa = !last ? false : rnd() < 0.1
      const assessStart = addCalendarDays(from, 1 + Math.floor(rnd() * 5))
      const assessEnd = addCalendarDays(assessStart, 10 + Math.floor(rnd() * 30))
      const closed = !last || rnd() < 0.4
      const closure = addCalendarDays(assessEnd, 5 + Math.floor(rnd() * 20))
      x += '      <CINdetails>\n'
      x += el(4, 'CINreferralDate', from)
      x += el(4, 'ReferralSource', defect === 4 ? '99' : pick(SOURCES))
      if (!nfa) x += el(4, 'PrimaryNeedCode', pick(NEEDS))
      if (closed && closure <= '2026-03-31') {
        x += el(4, 'CINclosureDate', closure)
        x += el(4, 'ReasonForClosure', 'RC7')
      }
      x += el(4, 'ReferralNFA', nfa ? 'true' : 'false')
      if (!nfa) {
        x += '        <Assessments>\n'
        x += el(5, 'AssessmentActualStartDate', assessStart)
        if (assessEnd <= '2026-03-31') {
          x += el(5, 'AssessmentAuthorisationDate', assessEnd)
          x += '          <FactorsIdentifiedAtAssessment>\n'
          const first = pick(FACTORS)
          x += el(6, 'AssessmentFactors', first)
          const second = pick(FACTORS.slice(0, 3))
          if (rnd() < 0.5 && second !== first) x += el(6, 'AssessmentFactors', defect === 5 ? '21' : second)
          else if (defect === 5) x += el(6, 'AssessmentFactors', '21')
          x += '          </FactorsIdentifiedAtAssessment>\n'
        }
        x += '        </Assessments>\n'
        const ends = closed && closure <= '2026-03-31' ? closure : null
        if (rnd() < 0.25 && assessStart < '2026-02-01') {
          // S47 the next working day; conference within 15 working days, on a working day; plan from then.
          const s47 = englandAndWales.addWorkingDays(assessStart, 1)
          const icpc = englandAndWales.addWorkingDays(s47, 10)
          x += '        <Section47>\n'
          x += el(5, 'S47ActualStartDate', s47)
          x += el(5, 'InitialCPCtarget', englandAndWales.addWorkingDays(s47, 14))
          x += el(5, 'DateOfInitialCPC', icpc)
          x += el(5, 'ICPCnotRequired', 'false')
          x += '        </Section47>\n'
          x += '        <ChildProtectionPlans>\n'
          x += el(5, 'CPPstartDate', icpc)
          if (ends && ends > icpc) x += el(5, 'CPPendDate', ends)
          x += el(5, 'InitialCategoryOfAbuse', pick(ABUSE))
          x += el(5, 'LatestCategoryOfAbuse', pick(ABUSE))
          x += el(5, 'NumberOfPreviousCPP', String(Math.floor(rnd() * 3)))
          const review = addCalendarDays(icpc, 90)
          if (review <= '2026-03-31' && (!ends || review < ends)) {
            x += '          <Reviews>\n'
            x += el(6, 'CPPreviewDate', review)
            x += '          </Reviews>\n'
          }
          x += '        </ChildProtectionPlans>\n'
        } else if (rnd() < 0.6 && assessEnd < '2026-03-20') {
          const start = addCalendarDays(assessEnd, 2)
          x += '        <CINPlanDates>\n'
          x += el(5, 'CINPlanStartDate', start)
          if (ends && ends > start) x += el(5, 'CINPlanEndDate', ends)
          x += '        </CINPlanDates>\n'
        }
      }
      x += '      </CINdetails>\n'
      from = addCalendarDays(closure, 10)
      if (from > '2026-03-20') break
    }
    x += '    </Child>\n'
    buffer += x
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  buffer += '  </Children>\n</Message>\n'
  out.end(buffer)
  await once(out, 'finish')
}

interface Measure {
  children: number
  fileMB: number
  generateSeconds: number
  seconds: number
  childrenPerSecond: number
  peakRssMB: number
  errors: number
  queries: number
  rules: number
}

/** Validate one file in this process and print one line of JSON (peak RSS is this process's alone). */
async function measure(file: string): Promise<void> {
  const t0 = performance.now()
  const result = await validateCinFile(file, '2025/26')
  const seconds = (performance.now() - t0) / 1000
  const m: Omit<Measure, 'generateSeconds'> = {
    children: result.children,
    fileMB: Math.round(statSync(file).size / 1e5) / 10,
    seconds: Math.round(seconds * 100) / 100,
    childrenPerSecond: Math.round(result.children / seconds),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    errors: result.errors,
    queries: result.queries,
    rules: result.rules.length,
  }
  console.log(JSON.stringify(m))
}

/** Run this file in a fresh process, so generation and each size do not share a heap. */
function inChild(...args: string[]): string {
  const self = fileURLToPath(import.meta.url)
  return execFileSync(process.execPath, [...process.execArgv, self, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 20,
  })
}

async function main(): Promise<void> {
  const [mode, arg, file] = process.argv.slice(2)
  if (mode === 'generate') return writeSyntheticCin(file as string, Number(arg))
  if (mode === 'validate') return measure(arg as string)
  const sizes = mode ? [Number(mode)] : SIZES
  const dir = mkdtempSync(join(tmpdir(), 'haven-bench-cin-'))
  const results: Measure[] = []
  try {
    for (const n of sizes) {
      console.error(`CIN census, ${n.toLocaleString('en-GB')} children…`)
      const path = join(dir, `cin-${n}.xml`)
      const g0 = performance.now()
      inChild('generate', String(n), path)
      const generateSeconds = Math.round((performance.now() - g0) / 10) / 100
      const out = inChild('validate', path)
      const m = {
        generateSeconds,
        ...(JSON.parse(out.trim().split('\n').pop() as string) as Omit<Measure, 'generateSeconds'>),
      }
      rmSync(path, { force: true })
      results.push(m)
      console.log(
        `${String(n).padStart(8)} children  ${m.fileMB} MB  ${m.seconds} s  ${m.childrenPerSecond.toLocaleString('en-GB')} children/s  peak RSS ${m.peakRssMB} MB  (${m.errors} errors, ${m.queries} queries, ${m.rules} rules)`,
      )
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  if (mode) return
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
  const date = new Date().toISOString()
  const resultsDir = join(fileURLToPath(new URL('.', import.meta.url)), 'results')
  writeFileSync(
    join(resultsDir, 'returns-cin.json'),
    JSON.stringify({ date, machine, results }, null, 2) + '\n',
  )
  const rows = results.map(
    (m) =>
      `| ${m.children.toLocaleString('en-GB')} | ${m.fileMB} | ${m.seconds} | ${m.childrenPerSecond.toLocaleString('en-GB')} | ${m.peakRssMB} | ${m.rules} | ${m.errors} | ${m.queries} | ${TARGETS[m.children] ?? ''} |`,
  )
  const md = [
    '# CIN census validation benchmark',
    '',
    `${date}, ${machine}. Run with \`npx tsx bench/returns-cin.ts\`.`,
    '',
    'Wall time covers reading and parsing the XML (streamed, one child at a time) and running every',
    'registered 2025/26 CIN rule. The file is generated beforehand in another process and not timed;',
    'peak RSS is that of the validating process alone (node, tsx and the rules included).',
    '',
    '| Children | File (MB) | Seconds | Children/s | Peak RSS (MB) | Rules | Errors | Queries | Target |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n')
  writeFileSync(join(resultsDir, 'returns-cin.md'), md)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
