-- An account locked after wrong passwords is shown to administrators, who
-- may unlock it: each sign-in failure also keeps the SHA-256 of the account
-- it was for (empty for the throttles that count no account), so that
-- every lock of an account, from whichever address, is found and cleared.
ALTER TABLE throttle_failures ADD COLUMN account_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX throttle_failures_by_account ON throttle_failures (scope, account_hash, at);
