-- What ReportReminders has announced: one row per pledge, due period (the due date of the anchor in force) and kind
-- (DUE_SOON, OVERDUE), written in the transaction of its event on p2c.reports.v1. The key makes a second run, or a
-- second replica running at the same time, announce nothing twice.
create table report_reminder (
    pledge_id    uuid        not null references known_pledge (id),
    due_on       date        not null,
    kind         text        not null,
    announced_at timestamptz not null,
    primary key (pledge_id, due_on, kind)
);
