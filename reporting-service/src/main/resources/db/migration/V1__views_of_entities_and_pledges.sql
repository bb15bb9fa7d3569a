-- reporting-service's own views of the pledger entities (p2c.entities.v1) and the pledges (p2c.pledges.v1):
-- who may report on which pledge, and which pledges owe reports. Never read from the other services' tables.
create table known_entity (
    id                   uuid primary key,
    version              bigint      not null,
    name                 text        not null,
    stakeholder_type     text        not null,
    headquarters_country char(3)     not null,
    status               text        not null,
    updated_at           timestamptz not null
);

create table known_member (
    entity_id uuid not null references known_entity (id) on delete cascade,
    subject   text not null,
    role      text not null,
    primary key (entity_id, subject)
);
create index known_member_subject on known_member (subject);

create table known_partner_client (
    entity_id uuid not null references known_entity (id) on delete cascade,
    client_id text not null,
    primary key (entity_id, client_id)
);
create unique index known_partner_client_id on known_partner_client (client_id);

create table known_pledge (
    id                uuid primary key,
    version           bigint      not null,
    reference         text,
    pledger_entity_id uuid        not null,
    status            text        not null,
    title             text        not null,
    countries         text[]      not null,
    -- The regions the pledge names plus the ITU regions of its countries (what the compliance filter matches).
    regions           text[]      not null,
    start_date        date,
    end_date          date,
    validated_at      timestamptz,
    withdrawn_at      timestamptz,
    updated_at        timestamptz not null
);
create index known_pledge_by_entity on known_pledge (pledger_entity_id, status);
create index known_pledge_validated on known_pledge (validated_at) where status = 'VALIDATED';
create index known_pledge_countries on known_pledge using gin (countries) where status = 'VALIDATED';
create index known_pledge_regions on known_pledge using gin (regions) where status = 'VALIDATED';
