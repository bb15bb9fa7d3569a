package org.p2c.pledge.service;

import io.quarkus.cache.CacheResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.Map;

/**
 * The total behind an explorer page. A page of items comes from an index in milliseconds, but counting a broad
 * filter means visiting every matching pledge (a million, unfiltered), so totals are remembered for a few seconds
 * per filter (cache {@code explorer-counts}): a new validated pledge shows in the items at once and in the total
 * within that time.
 */
@ApplicationScoped
public class ExplorerCounts {

    private final EntityManager em;

    public ExplorerCounts(EntityManager em) {
        this.em = em;
    }

    /** {@code filter} is the SQL from "from" on; {@code params} its parameters (both part of the cache key). */
    @CacheResult(cacheName = "explorer-counts")
    public long count(String filter, Map<String, Object> params) {
        Query count = em.createNativeQuery("select count(*)" + filter);
        params.forEach(count::setParameter);
        return ((Number) count.getSingleResult()).longValue();
    }
}
