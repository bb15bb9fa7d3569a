-- Country briefs become sums of per-day changes like every other scope (scope COUNTRY:<alpha3>), so a brief no
-- longer reads the country's pledges. A pledge keeps the facts of its reports as last applied (reports), from which
-- its old contribution to a brief can be recomputed.
alter table a_pledge add column reports jsonb not null default '[]';
alter table a_pledge drop column report_days;
drop index a_pledge_countries;

-- Figures already projected lack the country scopes: the service rebuilds them from the topics when it starts.
alter table projection_state add column rebuild_required boolean not null default false;
update projection_state set rebuild_required = (last_event_at is not null);
