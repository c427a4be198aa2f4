/**
 * A small, coherent, synthetic SSDA903 return for tests: three children touching every table,
 * written so the XML form can carry all of it (one DOB per child, at most one UASC, OC3 and AD1
 * row each). Identifiers and postcodes are made up.
 */
import {
  SSDA903_COLUMNS,
  SSDA903_TABLES,
  canonicalText,
  makeRow,
  rowsOf,
  type ColumnOf,
  type Ssda903Row,
  type Ssda903Table,
  type Ssda903Tables,
} from './model.js'

type Cells<T extends Ssda903Table> = Partial<Record<ColumnOf<T>, string>>

function table<T extends Ssda903Table>(name: T, rows: Cells<T>[]): Ssda903Row<T>[] {
  return rows.map((cells, i) => makeRow(name, cells, { file: `${name}.csv`, row: i, line: i + 2 }))
}

export function testReturn(): Ssda903Tables {
  return {
    Header: table('Header', [
      {
        CHILD: 'HV1001',
        SEX: 'F',
        DOB: '14/06/2012',
        ETHNIC: 'WBRI',
        UPN: 'A801100000011',
        MOTHER: '',
        MC_DOB: '',
      },
      { CHILD: 'HV1002', SEX: 'M', DOB: '02/11/2008', ETHNIC: 'BAFR', UPN: 'UN2', MOTHER: '', MC_DOB: '' },
      {
        CHILD: 'HV1003',
        SEX: 'F',
        DOB: '30/03/2007',
        ETHNIC: 'MOTH',
        UPN: 'UN4',
        MOTHER: '1',
        MC_DOB: '05/01/2025',
      },
    ]),
    Episodes: table('Episodes', [
      {
        CHILD: 'HV1001',
        DECOM: '03/05/2024',
        RNE: 'S',
        LS: 'C1',
        CIN: 'N1',
        PLACE: 'U6',
        PLACE_PROVIDER: 'PR1',
        DEC: '10/09/2025',
        REC: 'X1',
        REASON_PLACE_CHANGE: '',
        HOME_POST: 'ZZ1 1AA',
        PL_POST: 'ZZ2 2BB',
        URN: 'SC000001',
      },
      {
        CHILD: 'HV1001',
        DECOM: '10/09/2025',
        RNE: 'L',
        LS: 'C2',
        CIN: 'N1',
        PLACE: 'U6',
        PLACE_PROVIDER: 'PR1',
        DEC: '',
        REC: '',
        REASON_PLACE_CHANGE: '',
        HOME_POST: 'ZZ1 1AA',
        PL_POST: 'ZZ2 2BB',
        URN: 'SC000001',
      },
      {
        CHILD: 'HV1002',
        DECOM: '21/08/2025',
        RNE: 'S',
        LS: 'V2',
        CIN: 'N4',
        PLACE: 'K2',
        PLACE_PROVIDER: 'PR4',
        DEC: '',
        REC: '',
        REASON_PLACE_CHANGE: '',
        HOME_POST: '',
        PL_POST: 'ZZ3 3CC',
        URN: 'SC000002',
      },
      {
        CHILD: 'HV1003',
        DECOM: '01/02/2023',
        RNE: 'S',
        LS: 'E1',
        CIN: 'N1',
        PLACE: 'A4',
        PLACE_PROVIDER: 'PR1',
        DEC: '12/12/2025',
        REC: 'E11',
        REASON_PLACE_CHANGE: '',
        HOME_POST: 'ZZ1 9ZZ',
        PL_POST: 'ZZ4 4DD',
        URN: 'XXXXXX',
      },
    ]),
    Reviews: table('Reviews', [
      { CHILD: 'HV1001', DOB: '14/06/2012', REVIEW: '01/06/2024', REVIEW_CODE: 'PN1' },
      { CHILD: 'HV1001', DOB: '14/06/2012', REVIEW: '20/11/2024', REVIEW_CODE: 'PN5' },
    ]),
    UASC: table('UASC', [{ CHILD: 'HV1002', SEX: 'M', DOB: '02/11/2008', DUC: '02/11/2026' }]),
    OC2: table('OC2', [
      {
        CHILD: 'HV1001',
        DOB: '14/06/2012',
        SDQ_SCORE: '17',
        SDQ_REASON: '',
        CONVICTED: '0',
        HEALTH_CHECK: '1',
        IMMUNISATIONS: '1',
        TEETH_CHECK: '1',
        HEALTH_ASSESSMENT: '1',
        SUBSTANCE_MISUSE: '0',
        INTERVENTION_RECEIVED: '0',
        INTERVENTION_OFFERED: '0',
      },
    ]),
    OC3: table('OC3', [{ CHILD: 'HV1003', DOB: '30/03/2007', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'Z1' }]),
    AD1: table('AD1', [
      {
        CHILD: 'HV1003',
        DOB: '30/03/2007',
        DATE_INT: '04/04/2023',
        DATE_MATCH: '06/06/2023',
        FOSTER_CARE: '0',
        NB_ADOPTR: '2',
        SEX_ADOPTR: 'MF',
        LS_ADOPTR: 'L11',
      },
    ]),
    PlacedAdoption: table('PlacedAdoption', [
      {
        CHILD: 'HV1003',
        DOB: '30/03/2007',
        DATE_PLACED: '01/07/2023',
        DATE_PLACED_CEASED: '',
        REASON_PLACED_CEASED: '',
      },
    ]),
    PrevPerm: table('PrevPerm', [
      { CHILD: 'HV1001', DOB: '14/06/2012', PREV_PERM: 'Z1', LA_PERM: '', DATE_PERM: '' },
      { CHILD: 'HV1002', DOB: '02/11/2008', PREV_PERM: 'P2', LA_PERM: '', DATE_PERM: '12/03/2015' },
    ]),
    Missing: table('Missing', [
      { CHILD: 'HV1002', DOB: '02/11/2008', MISSING: 'M', MIS_START: '04/10/2025', MIS_END: '' },
    ]),
    SWEpisodes: table('SWEpisodes', [
      {
        CHILD: 'HV1001',
        DOB: '14/06/2012',
        SW_ID: 'SW0101',
        SW_DECOM: '03/05/2024',
        SW_DEC: '',
        SW_REASON: '',
      },
      {
        CHILD: 'HV1002',
        DOB: '02/11/2008',
        SW_ID: 'SW0102',
        SW_DECOM: '21/08/2025',
        SW_DEC: '',
        SW_REASON: '',
      },
    ]),
    DoLo: table('DoLo', [
      { CHILD: 'HV1002', DOB: '02/11/2008', DOLO_START: '01/09/2025', DOLO_END: '15/09/2025' },
    ]),
  }
}

/** The data of a set of tables as a writer would write it, without where each row came from. */
export function canonical(tables: Ssda903Tables): Record<string, string[][]> {
  const out: Record<string, string[][]> = {}
  for (const t of SSDA903_TABLES) {
    const rows = rowsOf(tables, t)
    if (!rows) continue
    const columns = SSDA903_COLUMNS[t] as readonly ColumnOf<typeof t>[]
    out[t] = rows.map((r) => columns.map((c) => canonicalText(r, c)))
  }
  return out
}
