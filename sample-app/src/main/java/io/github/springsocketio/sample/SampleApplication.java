package io.github.springsocketio.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The sample application: a demo page and, under the {@code conformance} profile, the
 * fixture that black-box protocol suites drive.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Start the application.
	 * @param args command-line arguments, e.g. {@code --spring.profiles.active=conformance}
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
