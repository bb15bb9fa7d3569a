package org.p2c.support.api;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Enum values in request bodies are read in any case ({@code "asia_pacific"} is ASIA_PACIFIC), as query and path
 * parameters are by {@link QueryParameters}: one rule wherever a caller types an enum value. Answers and events still
 * write the constant's name, in upper case.
 */
@Singleton
public class CaseInsensitiveEnums implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper json) {
        json.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
    }
}
