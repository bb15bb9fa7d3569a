-- The public explorer filters validated pledges by array membership and full text; these indexes keep it fast
-- with a million pledges.
alter table pledge add column search tsvector generated always as (
    to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(description, ''))) stored;
create index pledge_search on pledge using gin (search) where status = 'VALIDATED';
create index pledge_types on pledge using gin (types) where status = 'VALIDATED';
create index pledge_pillars on pledge using gin (pillars) where status = 'VALIDATED';
create index pledge_countries on pledge using gin (countries) where status = 'VALIDATED';
create index pledge_regions on pledge using gin (regions) where status = 'VALIDATED';
create index pledge_sdgs on pledge using gin (sdgs) where status = 'VALIDATED';
create index pledge_validated on pledge (validated_at desc, id) where status = 'VALIDATED';
create index pledge_end_date on pledge (end_date) where status = 'VALIDATED';
