// Checks every exchange an API test makes against the OpenAPI document the
// server itself serves: the operation must be documented for the method and
// path, the status must be documented for it, and a JSON body must match
// the documented schema. A request the document refuses (an undocumented
// query parameter, a bad value, a body against its schema) must not be
// answered with success either. Mismatches are collected for the test file
// to report when it ends (see server.mjs).
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const PREFIX = '/api/v1';
// Rules of a problem's errors about the request's shape, which the
// document's schemas can state (rules of the domain, such as R14, cannot;
// nor can JSON Schema state that text arrived as UTF-8, or plainly that it
// holds no control characters).
const SHAPE_RULES = new Set(['required', 'type', 'max-length', 'text-length', 'range', 'count',
  'one-of', 'yes-no', 'quarter', 'code-format', 'unknown-field', 'unknown-parameter', 'json',
  'json-object', 'date', 'email']);

// Every mismatch seen in this test file, as one line each.
export const mismatches = [];

// The checker of each server, by base URL, built from its document once.
const checkers = new Map();

// "~" and "/" escaped for a JSON pointer.
function pointerPart(s) {
  return s.replaceAll('~', '~0').replaceAll('/', '~1');
}

class DocumentChecker {
  constructor(doc) {
    this.doc = doc;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(doc, 'openapi.json');
    this.compiled = new Map();
    // Literal segments outrank templated ones, so /bodies/export.csv is not
    // taken for /bodies/{id}.
    this.paths = Object.keys(doc.paths ?? {}).map((template) => {
      const names = [];
      const source = template
        .split('/')
        .map((segment) => segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{([^}]+)\\\}/g, (_, name) => {
          names.push(name);
          return '([^/]+)';
        }))
        .join('/');
      const literals = template.split('/').filter((s) => s && !s.includes('{')).length;
      return { template, regex: new RegExp(`^${source}$`), names, literals };
    }).sort((a, b) => b.literals - a.literals);
  }

  // The schema at `pointer` (a JSON pointer into the document), compiled once.
  validator(pointer) {
    let v = this.compiled.get(pointer);
    if (!v) {
      v = this.ajv.compile({ $ref: 'openapi.json#' + pointer });
      this.compiled.set(pointer, v);
    }
    return v;
  }

  // [reference-free object, its pointer] for an object that may be a $ref.
  resolve(object, pointer) {
    let seen = 0;
    while (object?.$ref && seen++ < 10) {
      pointer = object.$ref.slice(1);
      object = pointer.split('/').slice(1).reduce(
        (o, p) => o?.[p.replaceAll('~1', '/').replaceAll('~0', '~')], this.doc);
    }
    return [object, pointer];
  }

  // Problems with `value` against the schema at `pointer`, as text.
  schemaErrors(pointer, value) {
    const validate = this.validator(pointer);
    if (validate(value)) return [];
    return validate.errors.map((e) => `${e.instancePath || '(body)'} ${e.message}` +
      (e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : '') +
      (e.params?.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''));
  }

  // Problems with one exchange; an empty list if it agrees with the document.
  check({ method, url, requestType, requestBody, status, responseType, text, json }) {
    const { pathname, searchParams } = new URL(url, 'http://server');
    if (!pathname.startsWith(PREFIX + '/')) return [];
    const path = pathname.slice(PREFIX.length);
    const m = method.toLowerCase();
    const found = this.paths.find((p) => p.regex.test(path) && this.doc.paths[p.template][m]);
    if (!found) return ['no operation is documented for this method and path'];
    const itemPointer = '/paths/' + pointerPart(found.template);
    const item = this.doc.paths[found.template];
    const op = item[m];
    const opPointer = `${itemPointer}/${m}`;
    const problems = [];

    // What the request sent that the document does not allow.
    const refusedBy = [];
    const params = [];
    for (const [list, where] of [[item.parameters, itemPointer], [op.parameters, opPointer]]) {
      (list ?? []).forEach((p, i) => params.push(this.resolve(p, `${where}/parameters/${i}`)));
    }
    const values = found.regex.exec(path).slice(1);
    for (const [param, pointer] of params) {
      let raw;
      if (param.in === 'path') {
        raw = decodeURIComponent(values[found.names.indexOf(param.name)] ?? '');
      } else if (param.in === 'query') {
        if (!searchParams.has(param.name)) {
          if (param.required) refusedBy.push(`query parameter "${param.name}" is required`);
          continue;
        }
        raw = searchParams.get(param.name);
      } else {
        continue;
      }
      const type = [param.schema?.type].flat();
      const numeric = (type.includes('integer') && /^-?\d+$/.test(raw)) ||
        (type.includes('number') && /^-?\d+(\.\d+)?$/.test(raw));
      const value = numeric ? Number(raw) : raw;
      for (const e of this.schemaErrors(`${pointer}/schema`, value)) {
        refusedBy.push(`${param.in} parameter "${param.name}"=${JSON.stringify(raw)}: ${e}`);
      }
    }
    const queryNames = new Set(params.filter(([p]) => p.in === 'query').map(([p]) => p.name));
    for (const name of new Set(searchParams.keys())) {
      if (!queryNames.has(name)) refusedBy.push(`query parameter "${name}" is not documented`);
    }
    if (requestBody !== undefined && requestBody !== '') {
      const [body, bodyPointer] = this.resolve(op.requestBody, `${opPointer}/requestBody`);
      const type = (requestType ?? '').split(';')[0].trim();
      if (!body) {
        refusedBy.push('a request body is not documented');
      } else if (!body.content?.[type]) {
        refusedBy.push(`a ${type || 'untyped'} request body is not documented`);
      } else if (type === 'application/json' && body.content[type].schema) {
        let value;
        try { value = JSON.parse(requestBody); } catch { value = undefined; }
        if (value === undefined) {
          refusedBy.push('the request body is not JSON');
        } else {
          const pointer = `${bodyPointer}/content/${pointerPart(type)}/schema`;
          for (const e of this.schemaErrors(pointer, value)) refusedBy.push(`request body ${e}`);
        }
      }
    } else if (this.resolve(op.requestBody, '')[0]?.required) {
      refusedBy.push('the documented request body is required');
    }
    if (status < 400 && refusedBy.length) {
      problems.push(...refusedBy.map((r) => `accepted a request the document refuses: ${r}`));
    }
    // And the reverse: refused for its shape a request the document allows,
    // so the document misses a constraint the server enforces. What a file
    // sent as text (a CSV import) holds is beyond a JSON schema.
    const sentJson = requestBody === undefined || requestBody === '' ||
      /^application\/json\b/.test(requestType ?? '');
    if (status === 400 && refusedBy.length === 0 && sentJson) {
      for (const e of json?.errors ?? []) {
        if (SHAPE_RULES.has(e.rule)) {
          problems.push(`refused a request the document allows: "${e.field}" (${e.rule}: ${e.message})`);
        }
      }
    }

    // The answer.
    const responses = op.responses ?? {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) {
      problems.push(`status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`);
      return problems;
    }
    const [response, responsePointer] = this.resolve(responses[key], `${opPointer}/responses/${key}`);
    if (text === '' || status === 204) return problems;
    const type = (responseType ?? '').split(';')[0].trim();
    const media = response.content?.[type];
    if (!media) {
      problems.push(`a ${type || 'untyped'} body is not documented for ${key} (documented: ` +
        `${Object.keys(response.content ?? {}).join(', ') || 'none'})`);
      return problems;
    }
    if (/^application\/(.+\+)?json$/.test(type) && media.schema) {
      if (json === undefined) {
        problems.push('the body is not JSON');
      } else {
        const pointer = `${responsePointer}/content/${pointerPart(type)}/schema`;
        problems.push(...this.schemaErrors(pointer, json).map((e) => `response body ${e}`));
      }
    }
    return problems;
  }
}

async function checkerFor(base) {
  let checker = checkers.get(base);
  if (!checker) {
    checker = fetch(base + PREFIX + '/openapi.json')
      .then((res) => res.json())
      .then((doc) => new DocumentChecker(doc));
    checkers.set(base, checker);
  }
  return checker;
}

// Checks one exchange with the server at `base` and records any mismatch.
export async function checkExchange(base, exchange) {
  const checker = await checkerFor(base);
  for (const problem of checker.check(exchange)) {
    mismatches.push(`${exchange.method} ${exchange.url} -> ${exchange.status}: ${problem}`);
  }
}
