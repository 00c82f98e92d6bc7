-- A reading refused for its device's clock (far ahead of its arrival, before the earliest time a
-- reading may have, or far behind the device's newest reading) names the device and the problem,
-- so that the device's record can show a clock that needs setting.
ALTER TABLE dead_letters ADD COLUMN device_id text;
ALTER TABLE dead_letters ADD COLUMN clock text
    CHECK (clock IN ('ahead', 'before_earliest', 'went_back'));

CREATE INDEX dead_letters_clock ON dead_letters (device_id, received_at) WHERE clock IS NOT NULL;
