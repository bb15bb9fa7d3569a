-- Answers to POSTs sent with an Idempotency-Key, kept for 48 hours so a retry gets the first answer again.
create table idempotency_record (
    caller       text        not null,
    key          text        not null,
    request_hash text        not null,
    state        text        not null,
    status       integer,
    body         text,
    created_at   timestamptz not null,
    primary key (caller, key)
);
create index idempotency_record_age on idempotency_record (created_at);
