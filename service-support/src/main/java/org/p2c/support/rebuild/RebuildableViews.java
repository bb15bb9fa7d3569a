package org.p2c.support.rebuild;

/**
 * A service's views that {@link Rebuilds} rebuilds from its topics: the one bean of a service that says how to start
 * over and how to finish; the events themselves are applied by the service's own {@code InboxConsumer} effects.
 */
public interface RebuildableViews {

    /**
     * Before the replay, in a transaction: empty the views, or make every row replaceable by the replay (a view that
     * must keep answering meanwhile, say its version set back to 0 so that the first event of each aggregate applies).
     */
    void reset();

    /** After the replay reached the topics' end, in a transaction: whatever the reset left and no event took back. */
    default void rebuilt() {
    }
}
