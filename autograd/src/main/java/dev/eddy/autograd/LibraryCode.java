package dev.eddy.autograd;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a package (in its {@code package-info.java}) as library code built on the autograd, such as
 * Eddy's layers or a user's own library of layers. When anomaly mode reports where an op that
 * produced NaN or infinity was called, it skips the frames of such packages as it skips the
 * autograd's own, so the report names the line of the code that used the library, not a line inside
 * a layer.
 *
 * <p>Only classes loaded from the same jar or folder as the package's {@code package-info} count: tests
 * that share the package name remain user code.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface LibraryCode {}
