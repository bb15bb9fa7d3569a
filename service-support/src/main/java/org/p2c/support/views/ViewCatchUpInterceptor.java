package org.p2c.support.views;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs a {@link CatchesUpWithViews} operation under one {@link ViewCatchUp.Deadline}. Its priority puts it outside
 * {@code @Transactional} (whose interceptors run at {@code PLATFORM_BEFORE + 200}): the operation's transaction has
 * ended, and its connection gone back to the pool, before the request waits.
 */
@CatchesUpWithViews
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class ViewCatchUpInterceptor {

    private final ViewCatchUp catchUp;

    @Inject
    public ViewCatchUpInterceptor(ViewCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    @AroundInvoke
    Object waitForViews(InvocationContext invocation) throws Exception {
        return catchUp.deadline().call(invocation::proceed);
    }
}
