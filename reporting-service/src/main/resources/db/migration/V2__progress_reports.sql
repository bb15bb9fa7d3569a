create table progress_report (
    id                      uuid primary key,
    version                 bigint      not null,
    pledge_id               uuid        not null references known_pledge (id),
    pledger_entity_id       uuid        not null,
    status                  text        not null,
    supersedes              uuid references progress_report (id),
    superseded_by           uuid references progress_report (id),
    superseded_at           timestamptz,
    as_of_date              date        not null,
    period_start            date,
    period_end              date,
    completion_status       text        not null,
    percent_complete        integer,
    disbursed_amount        numeric(17, 2),
    disbursed_currency      char(3),
    disbursed_value_date    date,
    disbursed_usd           numeric(17, 2),
    disbursed_units_per_usd numeric,
    disbursed_rate_source   text,
    people_reached          bigint,
    achievements            text,
    challenges              jsonb       not null,
    challenge_categories    text[]      not null,
    solutions               jsonb       not null,
    solution_categories     text[]      not null,
    revised_end_date        date,
    evidence_links          text[]      not null,
    result_indicators       jsonb       not null,
    created_at              timestamptz not null,
    created_by              text        not null,
    submitted_at            timestamptz,
    submitted_by            text,
    updated_at              timestamptz not null,
    constraint report_status check (status in ('DRAFT', 'SUBMITTED', 'SUPERSEDED')),
    constraint report_percent check (percent_complete between 0 and 100),
    constraint report_people check (people_reached >= 0),
    constraint report_period check (period_end is null or period_start is null or period_end >= period_start),
    constraint report_submitted_has_time check (status = 'DRAFT' or submitted_at is not null)
);
create index progress_report_by_pledge on progress_report (pledge_id, status, submitted_at);
-- A submitted report is corrected once: a second correction must supersede the first correction.
create unique index progress_report_one_correction on progress_report (supersedes) where status <> 'DRAFT';

-- A submitted report is immutable: only its supersession may be recorded, and it is never deleted.
create function progress_report_is_immutable_once_submitted() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status <> 'DRAFT' then
            raise exception 'a submitted progress report is never deleted';
        end if;
        return old;
    end if;
    if old.status = 'DRAFT' then
        return new;
    end if;
    if new.status not in ('SUBMITTED', 'SUPERSEDED')
            or row (new.pledge_id, new.pledger_entity_id, new.supersedes, new.as_of_date, new.period_start,
                    new.period_end, new.completion_status, new.percent_complete, new.disbursed_amount,
                    new.disbursed_currency, new.disbursed_value_date, new.disbursed_usd, new.people_reached,
                    new.achievements, new.challenges, new.solutions, new.revised_end_date, new.evidence_links,
                    new.result_indicators, new.submitted_at, new.submitted_by)
               is distinct from
               row (old.pledge_id, old.pledger_entity_id, old.supersedes, old.as_of_date, old.period_start,
                    old.period_end, old.completion_status, old.percent_complete, old.disbursed_amount,
                    old.disbursed_currency, old.disbursed_value_date, old.disbursed_usd, old.people_reached,
                    old.achievements, old.challenges, old.solutions, old.revised_end_date, old.evidence_links,
                    old.result_indicators, old.submitted_at, old.submitted_by) then
        raise exception 'a submitted progress report is immutable; correct it with a report that supersedes it';
    end if;
    return new;
end;
$$;
create trigger progress_report_immutable before update or delete on progress_report
    for each row execute function progress_report_is_immutable_once_submitted();
