package org.p2c.analytics.domain;

/** The breakdowns kept per day and scope in {@code daily_total}. */
public final class Dim {

    /** Every scope's headline: pledges, value, reported pledges (key *). */
    public static final String ALL = "ALL";
    public static final String STAKEHOLDER_TYPE = "STAKEHOLDER_TYPE";
    public static final String FOCUS_AREA = "FOCUS_AREA";
    public static final String PILLAR = "PILLAR";
    public static final String TYPE = "TYPE";
    public static final String UN_GROUP = "UN_GROUP";
    public static final String SDG = "SDG";
    /** Distinct entities counted (key = stakeholder type). */
    public static final String ENTITY = "ENTITY";
    /** Distinct entities with a reported pledge (key = stakeholder type). */
    public static final String REPORTING_ENTITY = "REPORTING_ENTITY";
    /** Distinct headquarters countries of counted entities (key *). */
    public static final String PLEDGER_COUNTRY = "PLEDGER_COUNTRY";
    /** Reporting standing of counted pledges (key = STATE|stakeholder type). */
    public static final String COMPLIANCE = "COMPLIANCE";

    public static final String WORLD = "WORLD";
    /** The key of a dimension without breakdown. */
    public static final String NO_KEY = "*";

    private Dim() {
    }
}
