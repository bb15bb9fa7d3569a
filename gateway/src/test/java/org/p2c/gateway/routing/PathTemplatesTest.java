package org.p2c.gateway.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplatesTest {

    private final PathTemplates templates = new PathTemplates(List.of(
            "/api/v1/pledges", "/api/v1/pledges/{id}", "/api/v1/pledges/batch", "/api/v1/pledges/{id}/history",
            "/api/v1/pledges/{id}/collaborators/{entityId}/acceptance"), Set.of("pledges", "reports"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/pledges, /api/v1/pledges",
            "/api/v1/pledges/P2C-2024-00933, /api/v1/pledges/{id}",
            "/api/v1/pledges/batch, /api/v1/pledges/batch",
            "/api/v1/pledges/7c1e/history, /api/v1/pledges/{id}/history",
            "/api/v1/pledges/7c1e/collaborators/9f2a/acceptance, /api/v1/pledges/{id}/collaborators/{entityId}/acceptance",
            "/api/v1/pledges/7c1e/nothing/here, /api/v1/pledges/*",
            "/api/v1/pledges/, /api/v1/pledges/*",
            "/api/v1/reports, /api/v1/reports",
            "/api/v1/reports/41, /api/v1/reports/*",
            "/api/v1/unicorns/41, /api/v1/*",
            "/api/v1/, /api/v1/*",
    })
    void aPathIsMeasuredUnderItsDocumentedTemplateOrItsSegment(String path, String template) {
        assertThat(templates.of(path)).isEqualTo(template);
    }
}
