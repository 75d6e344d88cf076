package io.github.springsocketio;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the layers (see the design): the Engine.IO and Socket.IO codec
 * layers stand alone, the server knows nothing of the layers built on it, only the
 * auto-configuration reaches the Redis adapter, Micrometer stays in the metrics and
 * observation layers, and no two layers depend on each other.
 * Main code only: tests may cross layers.
 */
@AnalyzeClasses(packages = ArchitectureTests.BASE, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	static final String BASE = "io.github.springsocketio";

	private static final String ENGINE = BASE + ".engine..";

	private static final String PROTOCOL = BASE + ".protocol..";

	private static final String SERVER = BASE + ".server..";

	private static final String ANNOTATION = BASE + ".annotation..";

	private static final String AUTOCONFIGURE = BASE + ".autoconfigure..";

	private static final String ACTUATE = BASE + ".actuate..";

	private static final String REDIS_ADAPTER = BASE + ".adapter.redis..";

	private static final String SECURITY = BASE + ".security..";

	private static final String OBSERVATION = BASE + ".observation..";

	@ArchTest
	static final ArchRule engineUsesNothingElseOfOurs = classes().that()
		.resideInAPackage(ENGINE)
		.should()
		.onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAPackage(ENGINE)))
		.because("Engine.IO knows nothing of Socket.IO and is usable on its own");

	@ArchTest
	static final ArchRule protocolUsesNothingElseOfOurs = classes().that()
		.resideInAPackage(PROTOCOL)
		.should()
		.onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAPackage(PROTOCOL)))
		.because("the Socket.IO packet codec is pure: byte strings in, packets out");

	@ArchTest
	static final ArchRule serverKnowsNothingOfTheLayersAboveIt = noClasses().that()
		.resideInAPackage(SERVER)
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage(ANNOTATION, AUTOCONFIGURE, ACTUATE, SECURITY, OBSERVATION)
		.because("controllers, Spring Boot wiring, the actuator, security and observations are built on the "
				+ "server, not in it");

	@ArchTest
	static final ArchRule micrometerStaysInTheOperationsLayers = noClasses().that()
		.resideOutsideOfPackages(ACTUATE, OBSERVATION)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.micrometer..")
		.because("Micrometer is optional: the server reports through its HandlingObserver and "
				+ "SocketIOServerListener hooks, which cost nothing when no one listens");

	@ArchTest
	static final ArchRule springSecurityStaysInItsPackage = noClasses().that()
		.resideOutsideOfPackages(SECURITY, ANNOTATION)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.security..")
		.because("Spring Security is optional: only its integration (and the optional "
				+ "@AuthenticationPrincipal resolver of the controllers) may use it");

	@ArchTest
	static final ArchRule onlyTheAutoConfigurationReachesTheRedisAdapter = noClasses().that()
		.resideOutsideOfPackages(REDIS_ADAPTER, AUTOCONFIGURE)
		.should()
		.dependOnClassesThat()
		.resideInAPackage(REDIS_ADAPTER)
		.because("the Redis adapter is an optional integration that the auto-configuration plugs in");

	@ArchTest
	static final ArchRule theJavaClientNeedsOnlyTheCodecs = classes().that()
		.resideInAPackage(BASE + ".javaclient..")
		.should()
		.onlyDependOnClassesThat(resideOutsideOfPackage(BASE + "..").or(resideInAPackage(ENGINE))
			.or(resideInAPackage(PROTOCOL))
			.or(resideInAPackage(BASE + ".javaclient..")))
		.andShould()
		.onlyDependOnClassesThat(resideOutsideOfPackage("org.springframework.."))
		.because("a plain Java program depends on socketio-client alone: the codecs of socketio-core, "
				+ "Reactor Netty and Jackson, no Spring");

	@ArchTest
	static final ArchRule noCyclesBetweenLayers = slices().matching(BASE + ".(*)..").should().beFreeOfCycles();

}
