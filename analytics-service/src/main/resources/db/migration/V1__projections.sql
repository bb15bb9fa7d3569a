-- analytics' own views, built only from p2c.entities.v1, p2c.pledges.v1 and p2c.reports.v1 (README.md).

-- The newest known state of each pledger entity (newest version wins).
create table a_entity (
    id                   uuid primary key,
    version              bigint not null,
    stakeholder_type     text   not null,
    headquarters_country text   not null
);

-- The newest known state of each pledge, with what its counting needs. stakeholder_type and report_days are
-- copies of the entity's and the reports' facts as last applied: the old contribution of a pledge can always be
-- recomputed from its row, so a change is applied as (new contribution - old contribution).
create table a_pledge (
    id                uuid primary key,
    version           bigint  not null,
    entity_id         uuid    not null,
    status            text    not null,
    validated_day     date,
    withdrawn_day     date,
    usd               numeric(24, 2),
    countries         text[]  not null,
    regions           text[]  not null,
    types             text[]  not null,
    pillars           text[]  not null,
    focus_areas       text[]  not null,
    un_groups         text[]  not null,
    sdgs              int[]   not null,
    targets           text[]  not null,
    end_date          date,
    stakeholder_type  text,
    report_days       date[]  not null
);
create index a_pledge_entity on a_pledge (entity_id);
-- Country briefs filter the pledges targeting one country.
create index a_pledge_countries on a_pledge using gin (countries);

-- The newest known state of each submitted progress report.
create table a_report (
    id                  uuid primary key,
    version             bigint      not null,
    pledge_id           uuid        not null,
    status              text        not null,
    submitted_at        timestamptz not null,
    superseded_at       timestamptz,
    completion_status   text        not null,
    challenge_categories text[]     not null,
    solution_categories  text[]     not null
);
create index a_report_pledge on a_report (pledge_id, submitted_at);

-- Counting intervals of distinct things ([from_day, to_day), to_day null = still counted): an entity counted in a
-- scope (kind ENTITY, label = stakeholder type), an entity reporting (REPORTING_ENTITY), a country of pledge-makers
-- (PLEDGER_COUNTRY, unit = the country). Kept so a change can retract exactly what it had added.
create table a_span (
    kind     text not null,
    unit     text not null,
    scope    text not null,
    label    text not null,
    from_day date not null,
    to_day   date
);
create index a_span_unit on a_span (kind, unit);

-- Per-day changes of every figure: the figure as of D is the sum of the rows with day <= D.
-- scope = WORLD or an ITU region; dim/key = the breakdown (ALL/'' for the headline).
create table daily_total (
    scope      text           not null,
    dim        text           not null,
    key        text           not null,
    day        date           not null,
    d_count    bigint         not null,
    d_usd      numeric(26, 2) not null,
    d_reported bigint         not null,
    primary key (scope, day, dim, key)
);

-- When the last event was applied: every answer says how fresh it is.
create table projection_state (
    id              int primary key check (id = 1),
    last_event_at   timestamptz,
    last_change_at  timestamptz
);
insert into projection_state (id) values (1);
