package org.p2c.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;

/**
 * The coalition's goal, per deployment. Reporting compliance has no setting here: its due dates are the schedules
 * reporting-service publishes.
 */
@ConfigMapping(prefix = "p2c.analytics")
public interface AnalyticsRules {

    /** The coalition goal that progress is measured against (USD). */
    @WithDefault("100000000000")
    BigDecimal goalUsd();
}
