-- Each explorer sort reads its first page straight from an index, in both directions: the order by clause is
-- "<column> <direction> nulls last, id <direction>", which these indexes match exactly.
drop index pledge_validated;
drop index pledge_end_date;
drop index pledge_value_usd;
create index pledge_sort_validated_desc on pledge (validated_at desc nulls last, id desc) where status = 'VALIDATED';
create index pledge_sort_validated_asc on pledge (validated_at asc nulls last, id asc) where status = 'VALIDATED';
create index pledge_sort_end_desc on pledge (end_date desc nulls last, id desc) where status = 'VALIDATED';
create index pledge_sort_end_asc on pledge (end_date asc nulls last, id asc) where status = 'VALIDATED';
create index pledge_sort_value_desc on pledge (value_usd desc nulls last, id desc) where status = 'VALIDATED';
create index pledge_sort_value_asc on pledge (value_usd asc nulls last, id asc) where status = 'VALIDATED';
create index pledge_sort_title_desc on pledge (lower(title) desc nulls last, id desc) where status = 'VALIDATED';
create index pledge_sort_title_asc on pledge (lower(title) asc nulls last, id asc) where status = 'VALIDATED';
create index pledge_sort_reference_desc on pledge (reference desc nulls last, id desc) where status = 'VALIDATED';
create index pledge_sort_reference_asc on pledge (reference asc nulls last, id asc) where status = 'VALIDATED';
