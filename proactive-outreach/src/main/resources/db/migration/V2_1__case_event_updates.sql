-- Detection also emits UPDATED case events (a forecast's time of arrival moved, or the
-- severity rose) for a case that stays open; the job writes them like the others.
ALTER TABLE case_events DROP CONSTRAINT case_events_type_check;
ALTER TABLE case_events ADD CONSTRAINT case_events_type_check
    CHECK (type IN ('OPENED', 'UPDATED', 'CLEARED'));
