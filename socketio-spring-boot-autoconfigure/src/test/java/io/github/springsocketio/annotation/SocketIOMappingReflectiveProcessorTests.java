package io.github.springsocketio.annotation;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.github.springsocketio.server.DisconnectReason;
import io.github.springsocketio.server.Handshake;
import io.github.springsocketio.server.Namespace;
import io.github.springsocketio.server.ServerSideEvent;
import io.github.springsocketio.server.Socket;
import io.github.springsocketio.server.SocketEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SocketIOMappingReflectiveProcessor}, applied as the scan of
 * {@code @Reflective} annotations applies it to a controller bean during AOT processing.
 */
class SocketIOMappingReflectiveProcessorTests {

	private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

	private final RuntimeHints hints = hintsOf(ShopController.class);

	@Test
	void controllerIsACandidateForTheScan() {
		assertThat(new ReflectiveRuntimeHintsRegistrar().isCandidate(ShopController.class)).isTrue();
		assertThat(reflection.onType(ShopController.class)).accepts(this.hints);
	}

	@Test
	void everyMappedMethodCanBeInvoked() {
		for (String method : List.of("order", "find", "tickets", "quote", "plain", "nothing", "admit", "connected",
				"disconnected", "ban")) {
			assertThat(reflection.onMethodInvocation(ShopController.class, method)).as(method).accepts(this.hints);
		}
		assertThat(reflection.onMethodInvocation(ShopController.class, "unmapped")).rejects(this.hints);
	}

	@Test
	void eventArgumentsGetBindingHintsWithTheirNestedRecords() {
		assertBound(Order.class, "id", "item", "more");
		assertBound(Item.class, "sku", "quantity", "price");
		assertBound(Price.class, "cents");
	}

	@Test
	void optionalAndGenericArgumentsAreBoundByTheirElementType() {
		assertBound(Note.class, "text");
		assertBound(Coupon.class, "code");
	}

	@Test
	void authPayloadIsBound() {
		assertBound(Credentials.class, "token");
	}

	@Test
	void returnedValuesAreBoundUnwrappedFromReactiveTypes() {
		assertBound(Receipt.class, "id", "at");
		assertBound(Ticket.class, "seat");
		assertBound(Quote.class, "amount");
		assertThat(reflection.onType(Mono.class)).rejects(this.hints);
		assertThat(reflection.onType(Flux.class)).rejects(this.hints);
		assertThat(reflection.onType(CompletableFuture.class)).rejects(this.hints);
	}

	@Test
	void serverSideEventArgumentsAndAnswersAreBound() {
		assertBound(Ban.class, "nickname");
		assertBound(Banned.class, "count");
	}

	@Test
	void exceptionHandlerOfTheControllerIsCoveredBySpringMessaging() {
		assertThat(reflection.onMethodInvocation(ShopController.class, "refused")).accepts(this.hints);
		assertBound(Problem.class, "reason");
	}

	@Test
	void contextParametersAndJsonTreesGetNoHints() {
		for (Class<?> type : List.of(Socket.class, SocketEvent.class, AckSender.class, Handshake.class,
				Namespace.class, DisconnectReason.class, Principal.class, ServerSideEvent.class, Message.class,
				JsonNode.class, ObjectNode.class)) {
			assertThat(reflection.onType(type)).as(type.getSimpleName()).rejects(this.hints);
		}
	}

	@Test
	void methodsOfOtherBeansAreLeftAlone() {
		assertThat(new ReflectiveRuntimeHintsRegistrar().isCandidate(PlainBean.class)).isFalse();
		RuntimeHints plain = hintsOf(PlainBean.class);
		assertThat(reflection.onType(Order.class)).rejects(plain);
	}

	private void assertBound(Class<?> type, String... accessors) {
		assertThat(reflection.onType(type).withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
			.as("binding hints of %s", type.getSimpleName())
			.accepts(this.hints);
		for (String accessor : accessors) {
			assertThat(reflection.onMethodInvocation(type, accessor)).as("%s.%s()", type.getSimpleName(), accessor)
				.accepts(this.hints);
		}
	}

	private static RuntimeHints hintsOf(Class<?> type) {
		RuntimeHints hints = new RuntimeHints();
		new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, type);
		return hints;
	}

	@SocketIOController("/shop")
	static class ShopController {

		@OnEvent("order")
		Receipt order(Socket socket, SocketEvent event, AckSender ack, Handshake handshake, Namespace namespace,
				@Nullable Principal user, Message<?> message, Order order, Optional<Note> note, List<Coupon> coupons,
				JsonNode raw, ObjectNode extra, byte[] data, int count) {
			return new Receipt(order.id(), Instant.EPOCH);
		}

		@OnEvent("find")
		Mono<Receipt> find(String id) {
			return Mono.empty();
		}

		@OnEvent("tickets")
		Flux<Ticket> tickets() {
			return Flux.empty();
		}

		@OnEvent("quote")
		CompletableFuture<Optional<Quote>> quote() {
			return CompletableFuture.completedFuture(Optional.empty());
		}

		@OnEvent("plain")
		JsonNode plain(JsonNode tree) {
			return tree;
		}

		@OnEvent("nothing")
		Mono<Void> nothing() {
			return Mono.empty();
		}

		@BeforeConnect
		void admit(@Auth Credentials credentials) {
		}

		@OnConnect
		void connected(Socket socket) {
		}

		@OnDisconnect
		void disconnected(Socket socket, DisconnectReason reason) {
		}

		@OnServerSideEvent("ban")
		Banned ban(ServerSideEvent event, Namespace namespace, Ban ban) {
			return new Banned(1);
		}

		@MessageExceptionHandler
		Problem refused(IllegalArgumentException ex) {
			return new Problem(ex.getMessage());
		}

		void unmapped(Order order) {
		}

	}

	static class PlainBean {

		Receipt order(Order order) {
			return new Receipt(order.id(), Instant.EPOCH);
		}

	}

	record Order(String id, Item item, List<Item> more) {
	}

	record Item(String sku, int quantity, Price price) {
	}

	record Price(long cents) {
	}

	record Note(String text) {
	}

	record Coupon(String code) {
	}

	record Credentials(String token) {
	}

	record Receipt(String id, Instant at) {
	}

	record Ticket(String seat) {
	}

	record Quote(long amount) {
	}

	record Ban(String nickname) {
	}

	record Banned(int count) {
	}

	record Problem(@Nullable String reason) {
	}

}
