// Reads vitest JSON reports and fails unless every suite ran with no failure.
// The PostgreSQL and browser reports must also have no skipped test: a run that
// silently fell back to PGlite, or found no browser, fails here.
import { readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
const problems = [];
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const skipped = report.numPendingTests + report.numTodoTests;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  console.log(`${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
  if (report.numTotalTests === 0) problems.push(`${file}: no test ran`);
  if (report.numFailedTests > 0 || !report.success) problems.push(`${file}: failures`);
  if (/postgres|browser/.test(file) && skipped > 0) problems.push(`${file}: ${skipped} skipped`);
}
for (const p of problems) console.error(`FAIL ${p}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(problems.length ? 1 : 0);
