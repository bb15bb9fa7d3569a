-- Shared plumbing tables, created in each service's own database by its own Flyway run.

create table outbox_event (
    seq          bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    aggregate_id uuid        not null,
    type         text        not null,
    occurred_at  timestamptz not null,
    data         jsonb       not null
);

create table processed_event (
    event_id     uuid primary key,
    topic        text        not null,
    processed_at timestamptz not null
);
