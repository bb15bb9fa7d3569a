package org.p2c.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.p2c.reporting.domain.ComplianceState;
import org.p2c.support.api.PageRequest;
import org.p2c.support.api.PageView;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Reporting compliance of validated (not withdrawn) pledges on the day the clock says, in one SQL query per page.
 *
 * <p>The due dates are not computed here: they are each pledge's stored {@link org.p2c.reporting.domain.ReportingSchedule}
 * (kept by {@link ReportingSchedules}, published to analytics), read at the anchor in force today. On day T, with due
 * date D: OVERDUE if T is after D; DUE if T is within the due-soon window before D (D itself included); UP_TO_DATE
 * otherwise.
 */
@ApplicationScoped
public class Compliance {

    public static final Set<String> SORTABLE = Set.of("dueDate", "reference");

    /** One pledge's reporting standing. */
    @Schema(name = "ComplianceStanding", example = """
            {"pledgeId": "3f6c1b2a-8d4e-4f7a-9b1c-2d3e4f5a6b7c", "pledgeReference": "P2C-2024-00042",
             "pledgeTitle": "Connect 500 rural schools in Cambodia", "pledgerEntityId": "0b7e4f6a-1c2d-4e3f-8a9b-0c1d2e3f4a5b",
             "pledgerEntityName": "Ministry of Posts and Telecommunications", "stakeholderType": "GOVERNMENT",
             "countries": ["KHM"], "regions": ["ASIA_PACIFIC"], "validatedOn": "2024-07-15", "lastReportedOn": "2025-07-10",
             "dueDate": "2026-07-10", "state": "OVERDUE", "draftReportId": null}""")
    public record Standing(UUID pledgeId, String pledgeReference, String pledgeTitle, UUID pledgerEntityId,
                           String pledgerEntityName, String stakeholderType, List<String> countries,
                           List<String> regions, LocalDate validatedOn,
                           @Schema(nullable = true, description = "Null before the first report") LocalDate lastReportedOn,
                           LocalDate dueDate, ComplianceState state,
                           @Schema(nullable = true, description = "The pledge's latest draft report, if any") UUID draftReportId) {
    }

    public record Filters(List<ComplianceState> states, List<UUID> entityIds, List<String> stakeholderTypes,
                          List<String> regions, List<String> countries) {
    }

    private final EntityManager em;
    private final Clock clock;

    public Compliance(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    public PageView<Standing> list(Filters filters, PageRequest page) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("p.status = 'VALIDATED' and p.validated_at is not null");
        if (!filters.entityIds().isEmpty()) {
            params.add(join(filters.entityIds()));
            where.append(" and p.pledger_entity_id = any(cast(string_to_array(?").append(params.size()).append(", ',') as uuid[]))");
        }
        if (!filters.stakeholderTypes().isEmpty()) {
            params.add(join(filters.stakeholderTypes()));
            where.append(" and e.stakeholder_type = any(string_to_array(?").append(params.size()).append(", ','))");
        }
        if (!filters.regions().isEmpty()) {
            params.add(join(filters.regions()));
            where.append(" and p.regions && string_to_array(?").append(params.size()).append(", ',')");
        }
        if (!filters.countries().isEmpty()) {
            params.add(join(filters.countries()));
            where.append(" and p.countries && string_to_array(?").append(params.size()).append(", ',')");
        }
        params.add(Date.valueOf(today()));
        int today = params.size();
        // The due date is the stored schedule's anchor in force today (ReportingSchedule: the one rule, also what
        // p2c.report.schedule-changed.v1 publishes); the state compares today with it as Anchor.stateOn does.
        String standings = """
                with due as (
                    select p.id, p.reference, p.title, p.pledger_entity_id, e.name, e.stakeholder_type, p.countries,
                           p.regions, (p.validated_at at time zone 'UTC')::date as validated_on,
                           ((select max(r.submitted_at) from progress_report r
                              where r.pledge_id = p.id and r.status <> 'DRAFT') at time zone 'UTC')::date as last_reported_on,
                           a.due_on as due_date, a.due_soon_from
                      from known_pledge p join known_entity e on e.id = p.pledger_entity_id
                      join lateral (select d.due_on, d.due_soon_from from reporting_due d
                                     where d.pledge_id = p.id and d.from_day <= cast(?%d as date)
                                     order by d.from_day desc limit 1) a on true
                     where %s
                ), standing as (
                    select d.*, case when cast(?%d as date) > d.due_date then 'OVERDUE'
                                     when cast(?%d as date) >= d.due_soon_from then 'DUE'
                                     else 'UP_TO_DATE' end as state
                      from due d
                )
                select %%s from standing s where s.state = any(string_to_array(?%d, ','))
                """.formatted(today, where, today, today, today + 1);
        params.add(join(filters.states()));

        long total = ((Number) bind(em.createNativeQuery(standings.formatted("count(*)")), params).getSingleResult())
                .longValue();
        String order = switch (page.sortField()) {
            case "reference" -> "s.reference";
            default -> "s.due_date";
        } + (page.descending() ? " desc" : " asc") + ", s.reference, s.id";
        Query query = em.createNativeQuery(standings.formatted("""
                s.id, s.reference, s.title, s.pledger_entity_id, s.name, s.stakeholder_type,
                array_to_string(s.countries, ','), array_to_string(s.regions, ','), s.validated_on, s.last_reported_on,
                s.due_date, s.state,
                (select r.id from progress_report r where r.pledge_id = s.id and r.status = 'DRAFT'
                  order by r.updated_at desc limit 1)""") + " order by " + order
                + " limit " + page.size() + " offset " + page.offset());
        List<Standing> items = new ArrayList<>();
        for (Object row : bind(query, params).getResultList()) {
            Object[] c = (Object[]) row;
            items.add(new Standing((UUID) c[0], (String) c[1], (String) c[2], (UUID) c[3], (String) c[4], (String) c[5],
                    split(c[6]), split(c[7]), date(c[8]), date(c[9]), date(c[10]), ComplianceState.valueOf((String) c[11]),
                    (UUID) c[12]));
        }
        return PageView.of(items, page, total);
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private static String join(List<?> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static List<String> split(Object joined) {
        return joined == null || ((String) joined).isEmpty() ? List.of() : Arrays.asList(((String) joined).split(","));
    }

    private static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((Date) value).toLocalDate();
    }
}
