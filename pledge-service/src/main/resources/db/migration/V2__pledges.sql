create table pledge (
    id                 uuid primary key,
    version            bigint      not null,
    reference          text unique,
    pledger_entity_id  uuid        not null,
    status             text        not null,
    title              text        not null,
    description        text,
    expected_impact    text,
    types              text[]      not null,
    pillars            text[]      not null,
    is_global          boolean     not null,
    countries          text[]      not null,
    regions            text[]      not null,
    primary_region     text,
    beneficiary_groups text[]      not null,
    sdgs               integer[]   not null,
    start_date         date,
    end_date           date,
    created_at         timestamptz not null,
    created_by         text        not null,
    submitted_at       timestamptz,
    validated_at       timestamptz,
    withdrawn_at       timestamptz,
    updated_at         timestamptz not null,
    constraint pledge_end_not_before_start check (end_date is null or start_date is null or end_date >= start_date)
);
create index pledge_by_entity on pledge (pledger_entity_id, status);
create index pledge_by_status on pledge (status, validated_at);

-- References are numbered per year of first submission: P2C-2024-00933.
create table pledge_reference_counter (
    year integer primary key,
    last integer not null
);

create table pledge_history (
    seq         bigint generated always as identity primary key,
    pledge_id   uuid        not null references pledge (id),
    action      text        not null,
    from_status text,
    to_status   text        not null,
    actor       text        not null,
    at          timestamptz not null,
    comment     text
);
create index pledge_history_pledge on pledge_history (pledge_id, seq);

create function pledge_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'pledge_history is append-only';
end;
$$;
create trigger pledge_history_append_only before update or delete on pledge_history
    for each row execute function pledge_history_is_append_only();
