-- SUPERSEDED: the telemetry job dropped a rule's state for a device while its case was open (the
-- rule was replaced or removed, the device left its scope, or its state expired). Intake closes
-- the case without telling the customer that the fault is gone.
ALTER TABLE case_events DROP CONSTRAINT case_events_type_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_type_check
    CHECK (type IN ('OPENED', 'UPDATED', 'CLEARED', 'SUPERSEDED'));
