-- A figure as of D reads each pledge as it stood on D: a pledge keeps the timeline of its validated contents
-- (contents: one entry per revision, with the day it took effect), from which its old contribution can be recomputed,
-- instead of the columns of its newest content.
alter table a_pledge add column contents jsonb not null default '[]';

-- What the rows held stands, as one content in force from the validation day, until the rebuild below replaces it
-- (revision 0: any revision an event brings takes over from it), so a change applied meanwhile retracts exactly
-- what had been added.
update a_pledge set contents = jsonb_build_array(jsonb_build_object(
        'revision', 0, 'version', version, 'from', validated_day, 'usd', usd::text, 'countries', to_jsonb(countries),
        'regions', to_jsonb(regions), 'types', to_jsonb(types), 'pillars', to_jsonb(pillars),
        'focusAreas', to_jsonb(focus_areas), 'unGroups', to_jsonb(un_groups), 'sdgs', to_jsonb(sdgs),
        'targets', to_jsonb(targets), 'endDate', end_date))
 where validated_day is not null;

alter table a_pledge drop column usd, drop column countries, drop column regions, drop column types,
    drop column pillars, drop column focus_areas, drop column un_groups, drop column sdgs, drop column targets,
    drop column end_date;

-- Figures already projected gave every date the newest content: the service rebuilds them from the topics when it starts.
update projection_state set rebuild_required = (last_event_at is not null);
