-- Ten years of data: the indexes that lists, filters and paging need, and
-- the audit trail's checkpoint.

-- The newest point of the audit chain that a verification found intact:
-- later verifications check only the entries after it (a full check from
-- the first entry runs from the command line).
CREATE TABLE audit_checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_checkpoint (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The audit page's filters, newest first.
CREATE INDEX audit_log_by_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_by_type ON audit_log (entity_type, seq);
CREATE INDEX audit_log_by_time ON audit_log (at);

-- The long-list's filters, a page at a time in id order.
CREATE INDEX proposals_by_type ON proposals (type, id);
CREATE INDEX proposals_by_status ON proposals (status, id);
CREATE INDEX proposal_participants_by_inspectorate
  ON proposal_participants (inspectorate_id, involvement, proposal_id);
CREATE INDEX proposal_focus_by_focus ON proposal_focus (focus, proposal_id);
