/**
 * For the care forms' unit tests: a date's three boxes as a form posts them, and a schema's
 * refusals as [field, message] pairs.
 */
export const dayAnswers = (prefix: string, iso: string): Record<string, string> => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

export const schemaIssues = (r: {
  success: boolean
  error?: { issues: { path: PropertyKey[]; message: string }[] }
}): [string, string][] => (r.success ? [] : (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]))
