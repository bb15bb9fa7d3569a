-- The per-day changes summed per month: "as of D" = the months before D's month + the days of D's month up to D,
-- a few dozen rows per figure instead of one per day with a change.
create table monthly_total (
    scope      text           not null,
    dim        text           not null,
    key        text           not null,
    month      date           not null,
    d_count    bigint         not null,
    d_usd      numeric(26, 2) not null,
    d_reported bigint         not null,
    primary key (scope, month, dim, key)
);

insert into monthly_total (scope, dim, key, month, d_count, d_usd, d_reported)
select scope, dim, key, date_trunc('month', day)::date, sum(d_count), sum(d_usd), sum(d_reported)
  from daily_total group by scope, dim, key, date_trunc('month', day)::date;
