package org.p2c.analytics.domain;

/** The scopes and breakdowns kept per day in {@code daily_total}. */
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

    // Kept for country scopes only (a country brief's figures).
    /** Counted pledges by P2C target. */
    public static final String TARGET = "TARGET";
    /**
     * Counted pledges by end date: key ENDED (ended before D; reported = those of them reported), the end year while
     * not ended, NO_END_DATE.
     */
    public static final String END = "END";
    public static final String ENDED = "ENDED";
    public static final String NO_END_DATE = "NO_END_DATE";
    /** Reported pledges by the completion status of their last report. */
    public static final String COMPLETION = "COMPLETION";
    /** Counted pledges by the categories named in their reports in force. */
    public static final String CHALLENGE = "CHALLENGE";
    public static final String SOLUTION = "SOLUTION";

    public static final String WORLD = "WORLD";
    /** The key of a dimension without breakdown. */
    public static final String NO_KEY = "*";

    /** The scope of the pledges whose countries include {@code alpha3}. */
    public static String country(String alpha3) {
        return "COUNTRY:" + alpha3;
    }

    private Dim() {
    }
}
