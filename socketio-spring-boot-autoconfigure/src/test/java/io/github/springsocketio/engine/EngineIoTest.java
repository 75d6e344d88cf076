package io.github.springsocketio.engine;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Runs a test class against {@link EngineIoTestApplication} on a random port, with
 * the settings of the reference echo server (short heartbeat, small buffer). Every
 * test class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = EngineIoTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "socketio.ping-interval=300ms", "socketio.ping-timeout=200ms",
				"socketio.upgrade-timeout=500ms", "socketio.allow-eio3=true", "socketio.max-http-buffer-size=1000B",
				"logging.level.io.github.springsocketio=DEBUG" })
@Timeout(value = 20, unit = TimeUnit.SECONDS)
public @interface EngineIoTest {

}
