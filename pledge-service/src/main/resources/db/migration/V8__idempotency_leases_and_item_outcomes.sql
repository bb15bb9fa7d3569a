-- Retries never do a thing twice (docs/api-conventions.md, Idempotency-Key; service-support's Idempotency).
-- A request's claim on its key is a lease, renewed while it runs: a key whose request died (owner and lease gone
-- stale) is taken over by a retry once lease_until passed, instead of answering 409 until the key is forgotten.
-- A claim left IN_FLIGHT before this migration has no lease, and counts as lapsed.
-- Here rather than in service-support's db/support: a support migration numbered V0_3 would come before this
-- service's applied migrations, and Flyway refuses to apply it out of order on an existing database.
alter table idempotency_record
    add column owner       uuid,
    add column lease_until timestamptz;

-- Each item of a batch records its outcome in its own transaction, with its change and its outbox event: a retry
-- answers the items already done as they were and does only the rest. Forgotten with the key.
create table idempotency_item (
    caller     text    not null,
    key        text    not null,
    item_index integer not null,
    outcome    text    not null,
    primary key (caller, key, item_index),
    foreign key (caller, key) references idempotency_record (caller, key) on delete cascade
);
