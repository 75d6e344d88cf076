package io.github.springsocketio.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Adds a {@link io.github.springsocketio.test.tester.SocketIOTester} bean to a test
 * context, bound to the server that {@code @SpringBootTest(webEnvironment =
 * RANDOM_PORT)} (or {@code DEFINED_PORT}) started: port {@code local.server.port}, path
 * {@code socketio.path}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration(SocketIOTesterAutoConfiguration.class)
public @interface AutoConfigureSocketIOTester {

}
