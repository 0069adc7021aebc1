-- A commissioning letter's sending says how it went (by e-mail, or posted
-- and recorded), and a letter sent may be withdrawn with a reason, after
-- which its site's fieldwork may be changed or the site removed. The Chief
-- Inspectors a letter's heading names are recorded with each version when
-- every inspectorate has authorised it. An inspected body has a postal
-- address, printed under the addressee of a letter to it.

ALTER TABLE letter_sendings ADD COLUMN method TEXT NOT NULL DEFAULT 'email'
  CHECK (method IN ('email', 'post'));
UPDATE letter_sendings SET method = 'post' WHERE sent_to LIKE '%(by post)';
ALTER TABLE letter_sendings ADD COLUMN withdrawn_on TEXT NOT NULL DEFAULT '';
ALTER TABLE letter_sendings ADD COLUMN withdrawn_by BIGINT REFERENCES users (id);
ALTER TABLE letter_sendings ADD COLUMN withdrawn_at TEXT NOT NULL DEFAULT '';
ALTER TABLE letter_sendings ADD COLUMN withdrawal_reason TEXT NOT NULL DEFAULT '';

CREATE TABLE letter_signatories (
  letter_id BIGINT NOT NULL REFERENCES commissioning_letters (id),
  letter_version BIGINT NOT NULL,
  chief_inspectors TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (letter_id, letter_version)
);

ALTER TABLE bodies ADD COLUMN address TEXT NOT NULL DEFAULT '';
