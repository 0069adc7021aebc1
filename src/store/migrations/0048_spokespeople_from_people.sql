-- R11: a media plan's spokespeople are people Jointly knows, each the Chief
-- Inspector or an HM Inspector of the inspectorate they speak for, not
-- names typed in. A spokesperson typed in before this is linked to the one
-- person of that inspectorate with that name and one of those roles, if
-- there is exactly one; any other stays readable as typed, without a
-- person, and speaks for no inspectorate until chosen again.
ALTER TABLE inspection_spokespeople ADD COLUMN user_id BIGINT REFERENCES users (id);
UPDATE inspection_spokespeople SET user_id = (
  SELECT min(u.id) FROM users u
  WHERE u.inspectorate_id = inspection_spokespeople.inspectorate_id
    AND lower(trim(u.name)) = lower(trim(inspection_spokespeople.spokesperson))
    AND EXISTS (SELECT 1 FROM user_roles r
                WHERE r.user_id = u.id AND r.role IN ('chief_inspector', 'hm_inspector'))
  HAVING count(*) = 1);
