-- A message Telegram could not parse as HTML (400 "can't parse entities") is sent again as plain text
-- rather than dropped: our escaping should make this impossible, but an alert must not be lost to a formatting bug.
ALTER TABLE notification ADD COLUMN plain_text BOOLEAN NOT NULL DEFAULT FALSE;
