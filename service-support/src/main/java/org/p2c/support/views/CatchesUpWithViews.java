package org.p2c.support.views;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation may name another service's aggregate that the local view learns of only a moment later: an
 * {@link UnknownReference} it throws is waited out (see {@link ViewCatchUp}) outside its transaction, then answered.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CatchesUpWithViews {
}
