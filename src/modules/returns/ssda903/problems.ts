/**
 * What a reader could not read, said so the LA's data officer can find it: the file, the line
 * (for a CSV, the spreadsheet row: the header is row 1), the column or XML element, and why.
 *
 * `error`: some of the data could not be read as given (a file was skipped, or a row's cells
 * are missing or misaligned), so a validation of what was read is not complete.
 * `warning`: an oddity that was tolerated without losing data (an ignored file or element).
 */
export interface ReadProblem {
  severity: 'error' | 'warning'
  file: string
  line?: number
  /** The column (CSV) or field element (XML) concerned. */
  column?: string
  /** For XML, where in the file, e.g. `CHILD 12 › EPISODE 3`. */
  element?: string
  message: string
}

/** Problems of one kind beyond this many in one file are counted, not listed. */
export const PROBLEMS_LISTED_PER_FILE = 200

/** Collects one file's problems, listing the first few hundred and counting the rest. */
export class ProblemLog {
  readonly problems: ReadProblem[] = []
  #unlisted = { error: 0, warning: 0 }

  constructor(readonly file: string) {}

  add(problem: Omit<ReadProblem, 'file'>): void {
    if (this.problems.length < PROBLEMS_LISTED_PER_FILE) this.problems.push({ file: this.file, ...problem })
    else this.#unlisted[problem.severity]++
  }

  error(message: string, at: Omit<ReadProblem, 'file' | 'severity' | 'message'> = {}): void {
    this.add({ severity: 'error', message, ...at })
  }

  warning(message: string, at: Omit<ReadProblem, 'file' | 'severity' | 'message'> = {}): void {
    this.add({ severity: 'warning', message, ...at })
  }

  /** The listed problems, and one line saying how many more there were. */
  finish(): ReadProblem[] {
    for (const severity of ['error', 'warning'] as const) {
      const n = this.#unlisted[severity]
      if (n > 0)
        this.problems.push({
          severity,
          file: this.file,
          message: `${n} more ${severity === 'error' ? 'errors' : 'warnings'} in this file are not listed`,
        })
    }
    return this.problems
  }
}
