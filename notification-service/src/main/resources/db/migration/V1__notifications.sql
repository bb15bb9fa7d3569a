-- notification-service's own tables. Who belongs to which entity is learnt from p2c.entities.v1 (subjects only: the
-- addresses stay in Keycloak and are read when a mail goes out).

create table known_entity (
    id      uuid primary key,
    version bigint not null,
    name    text   not null,
    status  text   not null
);

create table entity_member (
    entity_id uuid not null references known_entity (id) on delete cascade,
    subject   text not null,
    role      text not null,
    primary key (entity_id, subject)
);

-- One row per mail the platform owes someone, written in the transaction that took in its event: the key (event,
-- recipient, kind) is what makes a redelivered event owe nothing more. The relay sends PENDING rows and marks them.
create table mail (
    id          bigint generated always as identity primary key,
    event_id    text        not null,
    recipient   text        not null,
    kind        text        not null,
    category    text        not null,
    params      jsonb       not null,
    status      text        not null default 'PENDING',
    tries       int         not null default 0,
    next_try_at timestamptz not null,
    last_error  text,
    created_at  timestamptz not null,
    sent_at     timestamptz,
    constraint mail_once unique (event_id, recipient, kind),
    constraint mail_status check (status in ('PENDING', 'SENT', 'UNDELIVERABLE', 'SKIPPED'))
);

create index mail_due on mail (next_try_at) where status = 'PENDING';

-- What a person turned off; no row: everything on.
create table notification_settings (
    subject    text primary key,
    updates    boolean     not null default true,
    reminders  boolean     not null default true,
    digest     boolean     not null default true,
    updated_at timestamptz not null
);
