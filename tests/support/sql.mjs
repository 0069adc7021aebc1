// Runs one SQL statement on a test server's database, SQLite or
// PostgreSQL: for tests that must stand at a moment the real clock has
// not reached (a publication five days away brought to seconds away).
import { execFileSync } from 'node:child_process';

export function runSql(db, statement) {
  if (db.startsWith('sqlite:')) {
    return execFileSync('sqlite3', ['-cmd', '.timeout 5000', db.slice('sqlite:'.length), statement], { encoding: 'utf8' });
  }
  return execFileSync('psql', [db, '-v', 'ON_ERROR_STOP=1', '-q', '-c', statement], { encoding: 'utf8' });
}

// Brings inspection `id`'s publication to `at` ("YYYY-MM-DDTHH:MM:SSZ"),
// as if it had been set for then: what five days of waiting would do.
export function bringPublicationTo(server, id, at) {
  runSql(server.db, `UPDATE inspection_publications SET publish_at = '${at}' WHERE inspection_id = ${Number(id)}`);
}

// Schedules inspection `i`'s publication for `seconds` from now, as its
// lead (`lead`, a Client) would have: someone named for each department
// that receives an embargoed copy (R21), the time set six days ahead,
// then brought to `seconds` away. Returns the time it is published at.
export async function publishIn(server, lead, i, seconds) {
  const id = i.id ?? i;
  const view = await lead.get(`/api/v1/inspections/${id}/publication`);
  if (view.status !== 200) throw new Error(view.text);
  for (const [k, d] of view.json.embargo_departments.entries()) {
    if (view.json.embargo_recipients.some((r) => r.department === d.name && !r.revoked_at)) continue;
    const named = await lead.post(`/api/v1/inspections/${id}/embargo-recipients`, {
      department: d.name, name: `Embargo Reader ${k + 1}`, email: `embargo.reader.${id}.${k + 1}@example.gov.uk`,
    });
    if (named.status !== 201) throw new Error(named.text);
  }
  const at = (s) => new Date(Math.ceil(Date.now() / 1000) * 1000 + s * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const set = await lead.put(`/api/v1/inspections/${id}/publication`, { publish_at: at(6 * 86400) });
  if (set.status !== 200) throw new Error(set.text);
  const when = at(seconds);
  bringPublicationTo(server, id, when);
  return when;
}
