-- pledge-service's own view of the pledger entities, kept from p2c.entities.v1 (never read from entity-service's tables).
create table known_entity (
    id                   uuid primary key,
    version              bigint      not null,
    name                 text        not null,
    stakeholder_type     text        not null,
    headquarters_country char(3)     not null,
    status               text        not null,
    verified_at          timestamptz,
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
