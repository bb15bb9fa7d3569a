-- Repairing views: one rebuild (or redrive) at a time across replicas, their status, and where the redrive of
-- each dead-letter partition stopped; and an index to forget old processed events in batches.

-- A lease is held by one run until expires_at; its holder renews it while it runs, anyone may take it once expired.
create table lease (
    name       text primary key,
    holder     uuid        not null,
    owner      text        not null,
    expires_at timestamptz not null
);

create table rebuild_run (
    id              uuid primary key,
    state           text        not null,
    events_replayed bigint      not null default 0,
    owner           text        not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    failure         text
);
create index rebuild_run_started on rebuild_run (started_at);

-- The next offset of each dead-letter partition that the redrive has not read yet.
create table dead_letter_position (
    dead_letter_topic text    not null,
    partition         integer not null,
    next_offset       bigint  not null,
    primary key (dead_letter_topic, partition)
);

create index processed_event_age on processed_event (topic, processed_at);
