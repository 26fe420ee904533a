// Lints code snippets as if they were files of the repo (nothing is written) and prints each one's messages as
// JSON. A plain ES module run by node, because jest cannot load eslint.config.mjs in process.
import { ESLint } from 'eslint';
import { join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');
const snippets = JSON.parse(process.argv[2]);
const eslint = new ESLint({ cwd: repo });
const out = [];
for (const { filePath, code } of snippets) {
  const [result] = await eslint.lintText(code, { filePath: join(repo, filePath) });
  out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
}
process.stdout.write(JSON.stringify(out));
