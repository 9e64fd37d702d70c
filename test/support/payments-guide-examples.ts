/**
 * The payments guide's request and response examples, from the fixture the extractor writes.
 */
import { readFileSync } from 'node:fs';
import type { GuideExample } from '../fixtures/extract-payments-guide-examples';

export const guideExamples = JSON.parse(
  readFileSync(new URL('../fixtures/payments-guide-examples.json', import.meta.url), 'utf8'),
) as GuideExample[];

/** The one example of `kind` in the section whose title starts with `section`. */
export function guideExample(section: string, kind: 'request' | 'response', expectation?: 'success' | 'declined'): GuideExample {
  const matches = guideExamples.filter(
    (example) => example.section.startsWith(section) && example.kind === kind && (expectation === undefined || example.expectation === expectation),
  );
  if (matches.length !== 1) throw new Error(`${matches.length} ${kind} examples in sections starting "${section}"`);
  return matches[0] as GuideExample;
}
