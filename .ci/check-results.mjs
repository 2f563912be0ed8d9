// Reads vitest JSON reports and fails unless every suite ran with no failure and
// no skipped test. Each report named with "postgres" must hold tests that ran
// there: a PostgreSQL run that silently fell back to PGlite would skip the
// PostgreSQL-only files and fail here.
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
  if (file.includes("postgres") && skipped > 0) problems.push(`${file}: ${skipped} skipped on PostgreSQL`);
}
for (const p of problems) console.error(`FAIL ${p}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(problems.length ? 1 : 0);
