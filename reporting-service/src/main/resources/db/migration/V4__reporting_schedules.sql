-- Each validated pledge's reporting schedule (domain ReportingSchedule): the days from which a due date holds, as
-- published on p2c.reports.v1 (p2c.report.schedule-changed.v1). The compliance lists read the anchor in force from
-- here, so the lists and the published schedule cannot disagree. Pledges known before this table are scheduled at
-- the next start (ReportingSchedules.catchUp), which publishes their schedules too.
create table reporting_schedule (
    pledge_id  uuid primary key references known_pledge (id),
    -- Grows with every change of the schedule; the version of its last event.
    version    bigint      not null,
    updated_at timestamptz not null
);

create table reporting_due (
    pledge_id     uuid not null references reporting_schedule (pledge_id) on delete cascade,
    from_day      date not null,
    due_on        date not null,
    due_soon_from date not null,
    primary key (pledge_id, from_day)
);
