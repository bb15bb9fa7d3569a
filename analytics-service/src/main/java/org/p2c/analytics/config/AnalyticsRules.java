package org.p2c.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Period;

/** The coalition's goal and the reporting cadence (the same as reporting-service's), per deployment. */
@ConfigMapping(prefix = "p2c.analytics")
public interface AnalyticsRules {

    /** The coalition goal that progress is measured against (USD). */
    @WithDefault("100000000000")
    BigDecimal goalUsd();

    /** A report is due this long after the validation day, then after each submitted report. */
    @WithDefault("P1Y")
    Period reportingCadence();

    /** How long before its due date a pledge shows as DUE. */
    @WithDefault("P30D")
    Period dueSoon();
}
