import fc from 'fast-check'
import { StringDecoder } from 'node:string_decoder'
import { describe, expect, it } from 'vitest'
import type { CinChild } from './model.js'
import {
  assessment,
  cinChild,
  cinEpisode,
  cinHeader,
  cinPlan,
  cpPlan,
  preProceedings,
  section47,
} from './test-child.js'
import { CinReadError, decodeUtf8, readCinAll, readCinString } from './xml-read.js'
import { cinXmlString } from './xml-write.js'

const SAMPLE = `<?xml version="1.0" encoding="utf-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CIN</Collection>
      <Year>2026</Year>
      <ReferenceDate>2026-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>201</LEA>
      <SoftwareCode>Haven</SoftwareCode>
      <Release>1</Release>
      <SerialNo>001</SerialNo>
      <DateTime>2026-04-20T09:00:00</DateTime>
    </Source>
  </Header>
  <Children>
    <Child>
      <ChildIdentifiers>
        <LAchildID>ABC001</LAchildID>
        <UPN>Z201251000001</UPN>
        <PersonBirthDate>2015-06-15</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>HAND</Disability>
          <Disability>HEAR</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2025-05-01</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <ReferralNFA>false</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2025-05-02</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2025-06-10</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>2B</AssessmentFactors>
            <AssessmentFactors>3A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <Section47>
          <S47ActualStartDate>2025-05-06</S47ActualStartDate>
          <InitialCPCtarget>2025-05-27</InitialCPCtarget>
          <DateOfInitialCPC>2025-05-22</DateOfInitialCPC>
          <ICPCnotRequired>false</ICPCnotRequired>
        </Section47>
        <ChildProtectionPlans>
          <CPPstartDate>2025-05-22</CPPstartDate>
          <InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>EMO</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>1</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2025-08-14</CPPreviewDate>
          </Reviews>
          <Reviews>
            <CPPreviewDate>2026-01-15</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
    <Child>
      <ChildIdentifiers>
        <LAchildID>ABC002</LAchildID>
        <UPNunknown>UN2</UPNunknown>
        <ExpectedPersonBirthDate>2026-05-01</ExpectedPersonBirthDate>
        <Sex>U</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>NOBT</Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>31/13/2025</CINreferralDate>
        <ReferralSource>5D</ReferralSource>
        <CINclosureDate>2025-07-02</CINclosureDate>
        <ReasonForClosure>RC8</ReasonForClosure>
        <ReferralNFA>1</ReferralNFA>
      </CINdetails>
    </Child>
  </Children>
</Message>
`

async function read(xml: string, chunkSize?: number) {
  return readCinAll(readCinString(xml, 'sample.xml', chunkSize))
}

/** Lines depend on layout, not on the data: leave them out when comparing data. */
function withoutLines<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'line' ? undefined : v))) as T
}

describe('reading a CIN census', () => {
  it('reads the header, every child and every nested module, with rows and lines', async () => {
    const { header, children, problems } = await read(SAMPLE)
    expect(problems).toEqual([])
    expect(header).toMatchObject({ Collection: 'CIN', ReferenceDate: '2026-03-31', LEA: '201', line: 3 })
    expect(children.map((c) => c.LAchildID)).toEqual(['ABC001', 'ABC002'])
    const [first, second] = children as [CinChild, CinChild]
    expect(first).toMatchObject({
      row: 0,
      line: 19,
      Sex: 'F',
      PersonBirthDate: '2015-06-15',
      Ethnicity: 'WBRI',
    })
    expect(first.disabilities.map((d) => [d.Disability, d.row])).toEqual([
      ['HAND', 0],
      ['HEAR', 1],
    ])
    const episode = first.cinDetails[0]
    expect(episode).toMatchObject({ CINreferralDate: '2025-05-01', ReferralNFA: false, row: 0 })
    expect(episode?.assessments[0]?.AssessmentFactors).toEqual(['2B', '3A'])
    expect(episode?.section47s[0]).toMatchObject({ DateOfInitialCPC: '2025-05-22', ICPCnotRequired: false })
    const plan = episode?.childProtectionPlans[0]
    expect(plan).toMatchObject({ NumberOfPreviousCPP: 1, LatestCategoryOfAbuse: 'EMO' })
    expect(plan?.reviews.map((r) => [r.CPPreviewDate, r.row])).toEqual([
      ['2025-08-14', 0],
      ['2026-01-15', 1],
    ])
    // The second child: an impossible date is null but its text is kept; rows continue across children.
    expect(second.row).toBe(1)
    expect(second.cinDetails[0]).toMatchObject({ CINreferralDate: null, ReferralNFA: true, row: 1 })
    expect(second.cinDetails[0]?.text.CINreferralDate).toBe('31/13/2025')
    expect(second.disabilitiesBlock).toBe(false)
  })

  it('gives the same children, lines and problems whatever the chunk size', async () => {
    // Every size up to 80 cuts the file at every place around a child's end and start, where
    // the reader joins what was left of one chunk to the start of the next.
    const odd = SAMPLE.replace('<Sex>F</Sex>', '<Sex>F</Sex>\n<ShoeSize>4</ShoeSize>').replace(/\n/g, '\r\n')
    for (const xml of [SAMPLE, odd]) {
      const whole = await read(xml)
      for (const size of [...Array.from({ length: 80 }, (_, i) => i + 1), 127, 500, 1024]) {
        const cut = await read(xml, size)
        expect(cut.children, `chunks of ${size}`).toEqual(whole.children)
        expect(cut.problems, `chunks of ${size}`).toEqual(whole.problems)
      }
    }
  })

  it('tolerates a byte-order mark, Windows line endings and namespace prefixes', async () => {
    const messy =
      '\uFEFF' +
      SAMPLE.replace(/\n/g, '\r\n')
        .replace(/<(\/?)Message>/g, '<$1cin:Message>')
        .replace('<cin:Message>', '<cin:Message xmlns:cin="http://www.dfe.gov.uk/CIN">')
    const { children, problems } = await read(messy)
    expect(problems).toEqual([])
    expect(withoutLines(children)).toEqual(withoutLines((await read(SAMPLE)).children))
  })

  it('reports what it cannot read, with line and element, and keeps the child', async () => {
    const odd = SAMPLE.replace('<Sex>F</Sex>', '<Sex>F</Sex>\n<ShoeSize>4</ShoeSize>')
      .replace('<UPNunknown>UN2</UPNunknown>', '<UPNunknown>UN2</UPNunknown>stray')
      .replace('<LAchildID>ABC002</LAchildID>', '<LAchildID>ABC002</LAchildID><LAchildID>ABC003</LAchildID>')
    const { children, problems } = await read(odd)
    expect(children).toHaveLength(2)
    expect(children[1]?.LAchildID).toBe('ABC002')
    expect(problems).toEqual([
      expect.objectContaining({ file: 'sample.xml', line: 25, element: 'ChildIdentifiers/ShoeSize' }),
      expect.objectContaining({ element: 'LAchildID', message: expect.stringContaining('given twice') }),
      expect.objectContaining({ element: 'ChildIdentifiers', message: expect.stringContaining('"stray"') }),
    ])
  })

  it('never drops a child, even one with no identifiers', async () => {
    const start = SAMPLE.indexOf('<ChildIdentifiers>', SAMPLE.indexOf('</ChildIdentifiers>'))
    const end = SAMPLE.indexOf('</ChildIdentifiers>', start) + '</ChildIdentifiers>'.length
    const xml = SAMPLE.slice(0, start) + SAMPLE.slice(end)
    const { children, problems } = await read(xml)
    expect(children).toHaveLength(2)
    expect(children[1]?.LAchildID).toBeNull()
    expect(problems.map((p) => p.message)).toEqual(['a Child without ChildIdentifiers'])
  })

  it.each([
    ['not XML at all', 'LAchildID,UPN\nA1,Z201251000001\n', /not well-formed XML/],
    ['another root element', '<?xml version="1.0"?><Episodes><Row/></Episodes>', /root element is Episodes/],
    ['a file cut short', SAMPLE.slice(0, 1500), /cut short|not well-formed/],
    ['an empty file', '', /empty/],
    ['binary garbage', '\u0000\u0001\u0002PK\u0003', /not well-formed XML/],
    [
      'a Message with no Header',
      SAMPLE.replace(/<Header>[\s\S]*<\/Header>/, ''),
      /no Header before its Children/,
    ],
    ['a Header after the Children', moveHeaderToEnd(SAMPLE), /no Header before its Children/],
    [
      'a Message with no Children',
      SAMPLE.replace(/<Children>[\s\S]*<\/Children>/, ''),
      /no Children element/,
    ],
    ['an empty Message', '<?xml version="1.0"?><Message></Message>', /no Children element/],
    [
      'a DTD declaring an entity',
      SAMPLE.replace('<Message', '<!DOCTYPE Message [<!ENTITY e "x">]>\n<Message').replace('ABC002', 'A&e;'),
      /DTDs and entities are not accepted/,
    ],
    [
      'a bare DOCTYPE',
      `<!DOCTYPE Message SYSTEM "census.dtd">\n${SAMPLE.replace(/^<\?xml[^>]*>/, '')}`,
      /DTDs and entities are not accepted/,
    ],
  ])('stops with a clear error on %s', async (_, xml, message) => {
    await expect(read(xml)).rejects.toThrow(CinReadError)
    await expect(read(xml)).rejects.toThrow(message)
  })

  it('reads a child the same way whether the fast tokenizer or saxes reads it', async () => {
    // A comment inside a child sends it to saxes; everything else, lines included, must match.
    const viaSaxes = SAMPLE.replace(/<ChildIdentifiers>/g, '<ChildIdentifiers><!-- via saxes -->').replace(
      '<Ethnicity>WBRI</Ethnicity>',
      '<Ethnicity><![CDATA[WBRI]]></Ethnicity>',
    )
    const fast = await read(SAMPLE)
    const slow = await read(viaSaxes)
    expect(slow.problems).toEqual([])
    expect(slow.children).toEqual(fast.children)
  })

  it.each([
    ['an undefined entity', '<LAchildID>A&nbsp;1</LAchildID>', /not well-formed XML/],
    ['a character reference XML forbids', '<LAchildID>A&#0;1</LAchildID>', /not well-formed XML/],
    ['a mismatched closing tag', '<LAchildID>A1</LAchildId>', /not well-formed XML/],
    ['a control character', '<LAchildID>A\u00011</LAchildID>', /not well-formed XML/],
  ])('refuses %s inside a child, as saxes does', async (_, bad, message) => {
    await expect(read(SAMPLE.replace('<LAchildID>ABC002</LAchildID>', bad))).rejects.toThrow(message)
  })

  it('decodes entities and character references in the fast path', async () => {
    const { children } = await read(SAMPLE.replace('ABC002', 'A&amp;B&#x20;&#67;&lt;&gt;&quot;&apos;'))
    expect(children[1]?.LAchildID).toBe('A&B C<>"\'')
  })

  it('names the file and line of the error', async () => {
    await expect(read(SAMPLE.replace('</Sex>', '</Sx>'))).rejects.toThrow(/^sample\.xml, line 24: /)
  })
})

/** XML 1.0 cannot carry most control characters, lone surrogates or U+FFFE/U+FFFF. */
function xmlCanCarry(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false
    if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return false
  }
  return true
}

describe('writing a CIN census', () => {
  it('round-trips: read, write, read gives the same data, and writing twice the same bytes', async () => {
    const first = await read(SAMPLE)
    const written = cinXmlString(first.header, first.children)
    const again = await read(written)
    expect(withoutLines(again.children)).toEqual(withoutLines(first.children))
    expect(withoutLines(again.header)).toEqual(withoutLines(first.header))
    expect(cinXmlString(again.header, again.children)).toBe(written)
  })

  it('writes the DfE layout exactly (golden)', async () => {
    const { header, children } = await read(SAMPLE)
    // The sample is already in Haven's layout apart from the XML declaration's quotes and indent.
    expect(cinXmlString(header, children)).toBe(SAMPLE)
  })

  it('keeps bad values, empty elements and markup characters through a round trip', async () => {
    const child = cinChild({
      LAchildID: 'A&B<1>',
      UPN: '',
      PersonBirthDate: ' 2015-02-30 ',
      disabilities: [],
      cinDetails: [
        cinEpisode({
          ReferralNFA: 'maybe',
          assessments: [assessment({ factors: [] }), assessment({ factors: null })],
          cinPlans: [cinPlan({ CINPlanEndDate: '' })],
          section47s: [section47({ ICPCnotRequired: null })],
          childProtectionPlans: [cpPlan({ reviews: [null, '', '2025-09-01'] })],
          preProceedings: [preProceedings({ PPOutcome: '"A"' })],
        }),
      ],
    })
    const xml = cinXmlString(cinHeader(), [child])
    const back = await read(xml)
    expect(back.problems).toEqual([])
    expect(withoutLines(back.children[0])).toEqual(withoutLines(child))
  })

  it('round-trips any field text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }),
        fc.string(),
        fc.string({ unit: 'binary' }),
        async (id, date, code) => {
          // XML cannot carry most control characters, and a reader may normalise line endings.
          fc.pre(xmlCanCarry(id + date + code))
          const child = cinChild({
            LAchildID: id,
            PersonBirthDate: date,
            cinDetails: [cinEpisode({ ReferralSource: code })],
          })
          const back = await read(cinXmlString(cinHeader(), [child]))
          expect(withoutLines(back.children[0])).toEqual(withoutLines(child))
        },
      ),
      { numRuns: 300 },
    )
  })
})

/** The sample with its Header moved after the Children. */
function moveHeaderToEnd(xml: string): string {
  const header = /<Header>[\s\S]*<\/Header>/.exec(xml)?.[0] ?? ''
  return xml.replace(header, '').replace('</Children>', `</Children>${header}`)
}

describe('decodeUtf8', () => {
  /** What a stream with `encoding: 'utf8'` gives for the same chunks. */
  function decodedByNode(chunks: readonly Buffer[]): string {
    const d = new StringDecoder('utf8')
    return chunks.map((c) => d.write(c)).join('') + d.end()
  }
  async function decoded(chunks: readonly Buffer[]): Promise<string> {
    async function* source() {
      yield* chunks
    }
    let out = ''
    for await (const text of decodeUtf8(source())) out += text
    return out
  }

  it('reads ASCII, a byte-order mark, characters cut between chunks and bytes that are not UTF-8 as Node does', async () => {
    const cases: Buffer[][] = [
      [Buffer.from('<Message>'), Buffer.from('</Message>')],
      [Buffer.from('\uFEFF<a>'), Buffer.from('plain</a>')],
      [Buffer.from([0x3c, 0xe2, 0x82]), Buffer.from([0xac, 0x3e, 0x41]), Buffer.from('ascii after')],
      [Buffer.from([0x41, 0xf0, 0x9f]), Buffer.from([0x98]), Buffer.from([0x80, 0x42]), Buffer.from('C')],
      [Buffer.from([0x41, 0xff, 0x42]), Buffer.from('ascii'), Buffer.from([0xe2, 0x82])],
      [Buffer.from([0xc3]), Buffer.from('A'), Buffer.from([0xa9])],
    ]
    for (const chunks of cases) expect(await decoded(chunks)).toBe(decodedByNode(chunks))
  })

  it('agrees with Node for any bytes cut anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          // Mostly ASCII, with the bytes of é, € and 😀 and a byte UTF-8 never uses.
          fc
            .array(fc.constantFrom(0x41, 0x3c, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff), {
              maxLength: 8,
            })
            .map((a) => Buffer.from(a)),
          { maxLength: 8 },
        ),
        async (chunks) => {
          expect(await decoded(chunks)).toBe(decodedByNode(chunks))
        },
      ),
      { numRuns: 500 },
    )
  })
})
