package dev.ofauthqueue.fake.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a fake OFAuth server; test and lifecycle methods receive it as a
 * {@link dev.ofauthqueue.fake.FakeOfAuthServer} parameter.
 *
 * <pre>{@code
 * @FakeOfAuthTest
 * class MyIntegrationTest {
 *     @Test
 *     void deletes(FakeOfAuthServer fake) { ... fake.baseUrl() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(FakeOfAuthExtension.class)
public @interface FakeOfAuthTest {

    /**
     * One fake for the class (state reset before each test), or a fresh fake per test (safe for parallel tests).
     *
     * @return the lifecycle; default {@code PER_CLASS}
     */
    FakeOfAuthExtension.Lifecycle lifecycle() default FakeOfAuthExtension.Lifecycle.PER_CLASS;

    /**
     * Fail a test that made requests no route of the fake knew (wrong path or method).
     *
     * @return whether to fail such tests; default {@code false}
     */
    boolean failOnUnmatchedRequests() default false;

    /**
     * The fake's rate limit per connection.
     *
     * @return {@code PER_MINUTE:BURST}, or {@code off}; default OFAuth's {@code 60:90}
     */
    String rateLimit() default "60:90";
}
