// The rules register (docs/rules.md) against the code and the tests: every
// domain rule is listed; an enforced rule has a test named after it; every
// rule id the code refuses with is in the register; what the register names
// exists. Each failure names the rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const registerPath = process.env.JOINTLY_RULES_REGISTER ?? join(root, 'docs/rules.md');

function filesUnder(dir, pattern) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(entry.name)) out.push(path);
  }
  return out;
}

// --- The register -----------------------------------------------------------

// Rows of the tables under "## Domain rules", "## Product rules" and
// "## Shape checks", as {kind, id, cells, line}.
function readRegister(text) {
  const rows = [];
  let kind = null;
  text.split('\n').forEach((line, i) => {
    const heading = line.match(/^## (.*)/);
    if (heading) {
      kind = { 'Domain rules': 'domain', 'Product rules': 'product', 'Shape checks': 'shape' }[
        heading[1].trim()
      ] ?? null;
      return;
    }
    if (!kind || !line.startsWith('|')) return;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells[0] === 'Id' || /^-+$/.test(cells[0])) return;
    rows.push({ kind, id: cells[0].replace(/`/g, ''), cells, line: i + 1 });
  });
  return rows;
}

function quoted(cell) {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

// --- The tests --------------------------------------------------------------

// Names of every test under tests/: GoogleTest TEST/TEST_F/TEST_P names,
// node test('...') titles and scenario file names.
function testNames() {
  const names = new Set();
  const dir = join(root, 'tests');
  for (const file of filesUnder(dir, /\.(cc|h)$/)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bTEST(?:_F|_P)?\(\s*\w+\s*,\s*(\w+)\s*\)/g)) names.add(m[1]);
  }
  for (const file of filesUnder(dir, /\.m?js$/)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\b(?:test|it)\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g)) {
      names.add(m[2]);
    }
  }
  for (const file of filesUnder(dir, /\.scenario$/)) names.add(basename(file, '.scenario'));
  return names;
}

// Rule ids a test name is named after: "R2_R4_weights..." gives R2 and R4.
function rulesNamedBy(name) {
  const lead = name.match(/^(?:R\d+_)+/);
  return lead ? lead[0].split('_').filter(Boolean) : [];
}

// --- The code ---------------------------------------------------------------

// Where each Status factory and field-error call takes its rule argument.
const ruleArgument = {
  InvalidArgument: 1,
  FailedPrecondition: 1,
  AlreadyExists: 1,
  PermissionDenied: 1,
  ResourceExhausted: 1,
  Aborted: 1,
  AddFieldError: 1,
  AddError: 1,
  Add: 1, // Validation::Add(field, rule, message), not Document::Add(kind, text, label)
  UnknownReference: 2, // (lookup, field, rule, message): service/audit_trail.h
};
// Calls that must name a rule: a refusal without one is not allowed.
const mustNameRule = new Set([
  'InvalidArgument',
  'FailedPrecondition',
  'AlreadyExists',
  'PermissionDenied',
  'ResourceExhausted',
]);

// Blanks comments and character literals, keeping string literals and line
// numbers.
function stripComments(text) {
  return text.replace(
    /\/\/[^\n]*|\/\*[\s\S]*?\*\/|("(?:[^"\\\n]|\\.)*")|('(?:[^'\\\n]|\\.)*')/g,
    (m, str) => str ?? m.replace(/[^\n]/g, ' '),
  );
}

// The top-level arguments of the call whose '(' is at `open`.
function callArguments(text, open) {
  const args = [];
  let depth = 0;
  let current = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      current += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if ('([{'.includes(c)) {
      depth++;
      if (depth === 1) continue;
    } else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        if (current.trim() !== '' || args.length > 0) args.push(current.trim());
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  return args;
}

// Every rule argument in src/, as {where, call, rule} where rule is the
// literal's text, or null when the call names no rule; pass-throughs of
// another Status's rule (`e.rule`, `s.rule()`) are skipped.
export function rulesInCode(srcDir) {
  const found = [];
  for (const file of filesUnder(srcDir, /\.(cc|h)$/)) {
    if (relative(srcDir, file) === join('core', 'status.h')) continue; // defines the calls
    const text = stripComments(readFileSync(file, 'utf8'));
    const calls = new RegExp(`\\b(${Object.keys(ruleArgument).join('|')})\\s*\\(`, 'g');
    for (const m of text.matchAll(calls)) {
      const call = m[1];
      const args = callArguments(text, m.index + m[0].length - 1);
      if (call === 'Add' && (args.length !== 3 || /\bKind\b/.test(args[0]))) continue;
      const where = `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`;
      const arg = args[ruleArgument[call]];
      if (arg === undefined) {
        if (mustNameRule.has(call)) found.push({ where, call, rule: null });
        continue;
      }
      if (/^(?:\w+\.)*rule(?:\(\))?$|^std::move\(rule\)$/.test(arg)) continue;
      if (/^(?:const\s+)?[\w:<>]+[\s&*]+\w+(?:\s*=.*)?$/.test(arg)) continue; // a declaration
      const literal = arg.match(/^"([^"\\]*)"$/);
      found.push({ where, call, rule: literal ? literal[1] : `<not a literal: ${arg}>` });
    }
  }
  return found;
}

// --- The checks -------------------------------------------------------------

const register = readRegister(readFileSync(registerPath, 'utf8'));
const byId = new Map(register.map((r) => [r.id, r]));
const domain = register.filter((r) => r.kind === 'domain');
const tests = testNames();
const inCode = rulesInCode(join(root, 'src'));

function statusOf(row) {
  const s = row.cells[2];
  if (s === 'enforced' || s === 'not yet') return s;
  if (/^partly enforced: \S/.test(s)) return 'partly enforced';
  return null;
}

test('the register lists each of R1..R26 once, with a known status', () => {
  const problems = [];
  for (let n = 1; n <= 26; n++) {
    const rows = domain.filter((r) => r.id === `R${n}`);
    if (rows.length === 0) problems.push(`R${n} is missing from the register`);
    if (rows.length > 1) problems.push(`R${n} is listed ${rows.length} times`);
  }
  for (const row of domain) {
    if (!/^R([1-9]|1\d|2[0-6])$/.test(row.id)) problems.push(`${row.id}: not a domain rule id`);
    if (row.cells.length !== 5) problems.push(`${row.id}: needs 5 cells, has ${row.cells.length}`);
    if (!statusOf(row)) {
      problems.push(
        `${row.id}: status "${row.cells[2]}" is not enforced, "partly enforced: what" or not yet`,
      );
    }
  }
  const seen = new Set();
  for (const row of register) {
    if (seen.has(row.id)) problems.push(`${row.id} is listed more than once`);
    seen.add(row.id);
    if (row.kind !== 'domain' && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(row.id)) {
      problems.push(`${row.id}: product rules and shape checks have kebab-case names`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every enforced or partly enforced rule has a test named after it', () => {
  const named = new Set([...tests].flatMap(rulesNamedBy));
  const problems = domain
    .filter((r) => statusOf(r) !== 'not yet' && !named.has(r.id))
    .map((r) => `${r.id} is ${statusOf(r)} but no test under tests/ is named ${r.id}_...`);
  assert.deepEqual(problems, []);
});

test('every test the register names exists', () => {
  const problems = [];
  for (const row of register.filter((r) => r.kind !== 'shape')) {
    for (const name of quoted(row.cells[row.cells.length - 1])) {
      if (!tests.has(name)) problems.push(`${row.id}: no test is named "${name}"`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every file and function the register names as enforcing a rule exists', () => {
  const problems = [];
  for (const row of register.filter((r) => r.kind !== 'shape')) {
    const cell = row.cells[row.kind === 'domain' ? 3 : 2];
    let file = null;
    for (const name of quoted(cell)) {
      if (name.includes('/')) {
        file = name;
        if (!existsSync(join(root, name))) problems.push(`${row.id}: no file ${name}`);
      } else if (!file) {
        problems.push(`${row.id}: "${name}" is not preceded by the file it is in`);
      } else if (existsSync(join(root, file)) &&
                 !new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(
                   readFileSync(join(root, file), 'utf8'))) {
        problems.push(`${row.id}: ${file} has no ${name}`);
      }
    }
    if (row.kind === 'domain' && statusOf(row) !== 'not yet' && !file) {
      problems.push(`${row.id} is ${statusOf(row)} but the register does not say where`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every refusal in src/ names a rule that is in the register', () => {
  const problems = [];
  for (const { where, call, rule } of inCode) {
    if (rule === null) {
      problems.push(`${where}: ${call} names no rule; add a rule id from docs/rules.md`);
    } else if (!byId.has(rule)) {
      problems.push(`${where}: rule "${rule}" is not in docs/rules.md`);
    } else if (byId.get(rule).kind === 'domain' && statusOf(byId.get(rule)) === 'not yet') {
      problems.push(`${where}: refuses with ${rule}, which docs/rules.md marks not yet`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every product rule and shape check in the register is used in src/', () => {
  const used = new Set(inCode.map((f) => f.rule));
  const problems = register
    .filter((r) => r.kind !== 'domain' && !used.has(r.id))
    .map((r) => `${r.id} is in docs/rules.md but no code in src/ refuses with it`);
  assert.deepEqual(problems, []);
});
