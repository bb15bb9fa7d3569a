-- The Secretariat's queue: a submitted revision waits from its own submission, which the row did not keep
-- (submitted_at is the pledge's submission). Filled for the revisions already waiting from their history line.
alter table pledge add column revision_submitted_at timestamptz;
update pledge p set revision_submitted_at = (
    select max(h.at) from pledge_history h where h.pledge_id = p.id and h.action = 'REVISION_SUBMITTED')
where p.revision_status = 'SUBMITTED';

-- What waits for a decision, oldest first: small partial indexes, the queue never reads drafts or decided pledges.
create index pledge_awaiting_decision on pledge (submitted_at, id) where status = 'SUBMITTED';
create index pledge_revision_awaiting_decision on pledge (revision_submitted_at, id)
    where status = 'VALIDATED' and revision_status = 'SUBMITTED';
-- A pledger's desk: an entity's pledges, most recently changed first.
create index pledge_desk on pledge (pledger_entity_id, updated_at desc, id);
