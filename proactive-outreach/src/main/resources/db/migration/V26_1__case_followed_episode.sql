-- followed_episode: a later episode of the telemetry job that an open case now follows. The job
-- opens a new episode for a device and rule while an earlier one is still open only when it no
-- longer holds the earlier one (started without a restore, state lost); the earlier episode's
-- clear will never come, so the open case takes the new episode's updates and clear instead.
ALTER TABLE cases ADD COLUMN followed_episode timestamptz;
CREATE INDEX cases_followed_episode ON cases (device_id, rule_id, followed_episode)
    WHERE followed_episode IS NOT NULL;
