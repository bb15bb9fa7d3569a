package org.p2c.pledge.service;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.p2c.pledge.api.PledgeRequests.PledgeContent;
import org.p2c.pledge.api.PledgeView;
import org.p2c.pledge.domain.Places;
import org.p2c.pledge.domain.Pledge;
import org.p2c.pledge.events.PledgeSnapshot;
import org.p2c.pledge.testing.DerivedFields;
import org.p2c.pledge.testing.ReferenceFiles;
import org.p2c.pledge.testing.ValidContents;
import org.p2c.support.money.ReferenceRates;
import org.p2c.support.money.UsdValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What follows from a pledge's content (regions, LDC/LLDC/SIDS, focus areas, the value in USD) is worked out from the
 * content being saved, for any valid content, on a first save and over whatever the pledge held before; the answer
 * and the event say the same. Expectations come from the reference files as the test reads them ({@link DerivedFields}).
 */
class PledgeContentWriterTest {

    private final PledgeContentWriter writer = new PledgeContentWriter(new Places(), new ReferenceRates());

    @Provide
    Arbitrary<PledgeContent> drafts() {
        return ValidContents.drafts();
    }

    @Property(tries = 2000)
    void aFirstSaveDerivesEveryFieldFromTheContent(@ForAll("drafts") PledgeContent content) {
        Pledge pledge = new Pledge();

        writer.write(pledge, content, PledgeLifecycle.CONTENT_FIELD);

        assertDerivedFrom(content, pledge);
        // The samples must hold what consistent fixtures never had, and both sides of what is derived.
        Statistics.label("primary region").collect(primaryRegion(content));
        Statistics.label("primary region").coverage(c -> c.check("neither named nor of a country").percentage(p -> p >= 15));
        Statistics.label("ldc").collect(DerivedFields.expectedOf(content).ldc());
        Statistics.label("ldc").coverage(c -> {
            c.check(true).percentage(p -> p >= 15);
            c.check(false).percentage(p -> p >= 15);
        });
        Statistics.label("value").collect(value(content));
        Statistics.label("value").coverage(c -> {
            c.check("in another currency").percentage(p -> p >= 30);
            c.check("in USD").percentage(p -> p >= 3);
        });
    }

    @Property(tries = 2000)
    void aSaveOverEarlierContentDerivesFromTheNewContentOnly(@ForAll("drafts") PledgeContent before,
                                                            @ForAll("drafts") PledgeContent after) {
        Pledge pledge = new Pledge();
        writer.write(pledge, before, PledgeLifecycle.CONTENT_FIELD);

        writer.write(pledge, after, PledgeLifecycle.CONTENT_FIELD);

        assertDerivedFrom(after, pledge);
    }

    private static void assertDerivedFrom(PledgeContent content, Pledge pledge) {
        DerivedFields expected = DerivedFields.expectedOf(content);
        PledgeView answer = PledgeView.of(pledge);
        PledgeSnapshot event = PledgeSnapshot.of(pledge);
        assertThat(DerivedFields.of(answer.regions(), answer.ldc(), answer.lldc(), answer.sids(), answer.focusAreas(),
                answer.financialValue())).as("the answer").isEqualTo(expected);
        assertThat(DerivedFields.of(event.regions(), event.ldc(), event.lldc(), event.sids(), event.focusAreas(),
                event.financialValue())).as("the event").isEqualTo(expected);
        UsdValue value = answer.financialValue();
        if (value != null) {
            String currency = content.financialValue().currency();
            int year = content.financialValue().valueDate().getYear();
            // The rate used is named in the table's own words, with its year and the table's version.
            assertThat(value.rateSource()).as("rate source").contains(ReferenceFiles.TABLE_VERSION)
                    .contains("USD".equals(currency) ? "identity"
                            : ReferenceFiles.RATES.get(currency).get(year).source() + " " + year);
        }
    }

    private static String primaryRegion(PledgeContent content) {
        if (content.primaryRegion() == null) {
            return "none";
        }
        return DerivedFields.primaryRegionOnlyByItself(content) ? "neither named nor of a country" : "named or of a country";
    }

    private static String value(PledgeContent content) {
        if (content.financialValue() == null) {
            return "none";
        }
        return "USD".equals(content.financialValue().currency()) ? "in USD" : "in another currency";
    }
}
