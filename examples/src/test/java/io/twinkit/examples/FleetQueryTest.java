package io.twinkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fleet-query scenario. */
@Timeout(60)
class FleetQueryTest {

    @Test
    void groupByCountsAndPagesAddUpToTheSeededFleet() {
        Captured out = new Captured();

        FleetQuery.Result result = FleetQuery.run(out.stream(), FleetQuery.DEFAULT_DEVICES);

        assertThat(result.totalsAddUp()).isTrue();
        assertThat(result.total()).isEqualTo(3000);
        assertThat(result.byRegion()).containsOnlyKeys("APAC", "EU", "US");
        assertThat(result.byRegion().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3000);
        assertThat(result.byConnectivity()).containsOnlyKeys("cellular", "ethernet", "wifi");
        long cellular = result.byConnectivity().get("cellular");
        assertThat(result.pages()).hasSize((int) ((cellular + FleetQuery.PAGE_SIZE - 1) / FleetQuery.PAGE_SIZE));
        assertThat(result.pages().subList(0, result.pages().size() - 1)).containsOnly(FleetQuery.PAGE_SIZE);
        assertThat(result.distinctPaged()).isEqualTo(cellular);
        assertThat(out.text()).containsSubsequence(
                "1. Seeding 3000 devices",
                "2. Back end counts them: SELECT COUNT() AS devices FROM devices",
                "   3000 devices",
                "   SELECT tags.location.region AS region, COUNT() AS devices FROM devices GROUP BY "
                        + "tags.location.region",
                "   page 1: 250 twins, continuation ",
                "last page",
                "   " + cellular + " distinct devices on " + result.pages().size() + " pages",
                "Done: the counts and the pages add up to the 3000 devices seeded.");
    }

    @Test
    void theProgramTakesTheFleetSizeAndRejectsABadOne() {
        Captured out = new Captured();
        Captured err = new Captured();

        assertThat(FleetQuery.runAsProgram(List.of("120"), out.stream(), err.stream())).as("stderr: %s", err)
                .isZero();
        assertThat(out.text()).contains("1. Seeding 120 devices", "   120 devices");
        assertThat(FleetQuery.runAsProgram(List.of("many"), out.stream(), err.stream())).isEqualTo(Exit.USAGE);
        assertThat(FleetQuery.runAsProgram(List.of("0"), out.stream(), err.stream())).isEqualTo(Exit.USAGE);
        assertThat(err.text().lines()).containsExactly("fleet: the fleet size 'many' is not a number",
                "fleet: the fleet size 0 is outside 1..100000");
    }
}
