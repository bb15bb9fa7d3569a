create table pledger_entity (
    id                   uuid primary key,
    version              bigint      not null,
    name                 text        not null,
    name_key             text        not null,
    acronym              text,
    stakeholder_type     text        not null,
    headquarters_country char(3)     not null,
    website              text,
    description          text,
    focal_point_name     text        not null,
    focal_point_email    text        not null,
    focal_point_phone    text,
    status               text        not null,
    registered_at        timestamptz not null,
    registered_by        text        not null,
    verified_at          timestamptz,
    updated_at           timestamptz not null
);
create index pledger_entity_status on pledger_entity (status, name_key);
create index pledger_entity_country on pledger_entity (headquarters_country, name_key);
create index pledger_entity_type on pledger_entity (stakeholder_type);

create table membership (
    id           uuid primary key,
    entity_id    uuid        not null references pledger_entity (id),
    subject      text,
    email        text,
    display_name text,
    role         text        not null,
    added_at     timestamptz not null,
    added_by     text        not null,
    constraint membership_names_someone check (subject is not null or email is not null)
);
create unique index membership_subject on membership (entity_id, subject) where subject is not null;
create unique index membership_invitation on membership (entity_id, email) where subject is null;
create index membership_by_subject on membership (subject);
create index membership_by_email on membership (email) where subject is null;

create table partner_client (
    client_id text primary key,
    entity_id uuid        not null references pledger_entity (id),
    bound_at  timestamptz not null,
    bound_by  text        not null
);

create table entity_history (
    seq         bigint generated always as identity primary key,
    entity_id   uuid        not null references pledger_entity (id),
    action      text        not null,
    from_status text,
    to_status   text        not null,
    actor       text        not null,
    at          timestamptz not null,
    reason      text
);
create index entity_history_entity on entity_history (entity_id, seq);

-- The history is append-only: the database itself refuses to change or remove a line.
create function entity_history_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'entity_history is append-only';
end;
$$;
create trigger entity_history_append_only before update or delete on entity_history
    for each row execute function entity_history_is_append_only();
