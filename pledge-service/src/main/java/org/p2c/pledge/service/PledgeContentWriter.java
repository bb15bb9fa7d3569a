package org.p2c.pledge.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.domain.FinancialValue;
import org.p2c.pledge.domain.Places;
import org.p2c.pledge.domain.Pledge;
import org.p2c.support.money.ReferenceRates;
import org.p2c.support.money.UsdValue;

import java.util.List;

/**
 * Puts a pledge's content on the pledge together with what follows from it: its regions (the named ones, the primary
 * one and those of its countries), the LDC/LLDC/SIDS flags and the value in USD. Every path that saves content comes
 * here (a new draft, an edit, a validated revision, a legacy import, a partner's batch item), and everything is derived
 * from the content being saved, never from what the pledge held before: a first save holds nothing yet, and after a
 * change of primary region the old one must go.
 */
@ApplicationScoped
public class PledgeContentWriter {

    private final Places places;
    private final ReferenceRates rates;

    public PledgeContentWriter(Places places, ReferenceRates rates) {
        this.places = places;
        this.rates = rates;
    }

    /**
     * The content's estimated value normalised to USD, or null when it states none; a 422 naming
     * {@code financialValue.currency} or {@code financialValue.valueDate} (under {@code contentAt}) when the reference
     * rates cannot value it.
     */
    public FinancialValue value(PledgeContent c, String contentAt) {
        if (c.financialValue() == null) {
            return null;
        }
        UsdValue usd = rates.normalise(c.financialValue(), PledgeLifecycle.field(contentAt, "financialValue"));
        return new FinancialValue(usd.amount(), usd.currency(), usd.valueDate(), usd.usd(), usd.unitsPerUsd(), usd.rateSource());
    }

    /** Writes content that {@link PledgeLifecycle#check} accepted onto the pledge; {@code contentAt} as for {@link #value}. */
    public void write(Pledge p, PledgeContent c, String contentAt) {
        p.title = c.title().trim();
        p.description = c.description();
        p.expectedImpact = c.expectedImpact();
        p.types = c.types().stream().map(Enum::name).sorted().toList();
        p.pillars = c.pillars().stream().map(Enum::name).sorted().toList();
        p.global = c.global();
        p.countries = c.countries() == null ? List.of() : c.countries().stream().distinct().sorted().toList();
        p.namedRegions = c.regions() == null ? List.of() : c.regions().stream().map(Enum::name).sorted().toList();
        p.primaryRegion = c.primaryRegion();
        Places.Derived derived = places.derive(p.countries, c.regions() == null ? List.of() : c.regions(), c.primaryRegion());
        p.regions = derived.regions();
        p.ldc = derived.ldc();
        p.lldc = derived.lldc();
        p.sids = derived.sids();
        p.financialValue = value(c, contentAt);
        p.beneficiaryGroups = c.beneficiaryGroups() == null ? List.of()
                : c.beneficiaryGroups().stream().map(Enum::name).sorted().toList();
        p.sdgs = c.sdgs() == null ? List.of() : c.sdgs().stream().sorted().toList();
        p.targets = c.targets() == null ? List.of() : c.targets().stream().distinct().sorted().toList();
        p.startDate = c.startDate();
        p.endDate = c.endDate();
    }
}
