-- Regions: what the pledger named is kept apart; `regions` becomes the named regions plus those of the countries.
alter table pledge add column named_regions text[];
update pledge set named_regions = regions;
alter table pledge alter column named_regions set not null;
-- LDC / LLDC / SIDS focus, derived from the countries (the UN lists of the country catalogue).
alter table pledge add column ldc boolean not null default false;
alter table pledge add column lldc boolean not null default false;
alter table pledge add column sids boolean not null default false;

-- Estimated financial value as pledged, and its USD normalisation with the rate and source used.
alter table pledge add column value_amount numeric(17, 2);
alter table pledge add column value_currency text;
alter table pledge add column value_date date;
alter table pledge add column value_usd numeric(17, 2);
alter table pledge add column value_units_per_usd numeric(20, 8);
alter table pledge add column value_rate_source text;
alter table pledge add constraint pledge_value_whole check (
    (value_amount is null and value_currency is null and value_date is null and value_usd is null)
    or (value_amount is not null and value_currency is not null and value_date is not null and value_usd is not null));

-- Revisions of a validated pledge: the validated content stays in the row (public) while the pending revision
-- waits for the Secretariat.
alter table pledge add column revision integer not null default 1;
alter table pledge add column pending_revision jsonb;
alter table pledge add column revision_status text;
alter table pledge add column revised_at timestamptz;

-- Legacy import keeps the historical dates; the pledge says it came from the old platform.
alter table pledge add column imported boolean not null default false;

create index pledge_ldc on pledge (validated_at) where status = 'VALIDATED' and ldc;
create index pledge_lldc on pledge (validated_at) where status = 'VALIDATED' and lldc;
create index pledge_sids on pledge (validated_at) where status = 'VALIDATED' and sids;
create index pledge_value_usd on pledge (value_usd) where status = 'VALIDATED';

-- Collaborating entities, each with a role and where its invitation stands (the pledger invites, the
-- collaborator's people accept or decline); kept with the pledge, indexed to find an entity's invitations.
alter table pledge add column collaborators jsonb not null default '[]';
create index pledge_collaborators on pledge using gin (collaborators jsonb_path_ops);
