-- Reporting compliance follows the schedules reporting-service publishes (p2c.report.schedule-changed.v1) instead of
-- a cadence of analytics' own: a_schedule keeps each pledge's newest schedule (it may arrive before the pledge), and
-- a_pledge.schedule the one its contribution was last computed with, so it can be retracted exactly.
create table a_schedule (
    pledge_id uuid primary key,
    version   bigint not null,
    anchors   jsonb  not null
);
alter table a_pledge add column schedule jsonb not null default '[]';

-- The standings computed from the old setting go; with no schedule known a pledge adds none, so a change applied
-- before the rebuild below retracts exactly what it had added. The rebuild reads the schedules from p2c.reports.v1.
delete from daily_total where dim = 'COMPLIANCE';
delete from monthly_total where dim = 'COMPLIANCE';
update projection_state set rebuild_required = rebuild_required or (last_event_at is not null);
