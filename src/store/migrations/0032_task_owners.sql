-- A project plan task's owner is a person on the inspection's team. Owners
-- typed as words before are matched to the team by name or e-mail address
-- (whatever the case and the spaces around it); the words stay, as
-- owner_name, only where no one on the team matched them.
ALTER TABLE inspection_tasks RENAME COLUMN owner TO owner_name;
ALTER TABLE inspection_tasks ADD COLUMN owner_user_id BIGINT REFERENCES users (id);

UPDATE inspection_tasks SET owner_user_id = (
  SELECT MIN(u.id) FROM users u
  JOIN inspection_team m ON m.user_id = u.id
  WHERE m.inspection_id = inspection_tasks.inspection_id
    AND (LOWER(TRIM(u.name)) = LOWER(TRIM(inspection_tasks.owner_name))
         OR LOWER(TRIM(u.email)) = LOWER(TRIM(inspection_tasks.owner_name)))
);
UPDATE inspection_tasks SET owner_name = '' WHERE owner_user_id IS NOT NULL;
