package org.p2c.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Period;

/** The reporting cadence, configurable per deployment ({@code p2c.reporting.*}). */
@ConfigMapping(prefix = "p2c.reporting")
public interface ReportingRules {

    /** How long after its validation, and after each submitted report, a pledge owes its next report. */
    @WithDefault("P1Y")
    Period cadence();

    /** How long before its due date a pledge shows as DUE rather than UP_TO_DATE. */
    @WithDefault("P30D")
    Period dueSoon();
}
