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
