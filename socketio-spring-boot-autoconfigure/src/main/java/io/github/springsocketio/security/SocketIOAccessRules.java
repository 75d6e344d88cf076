package io.github.springsocketio.security;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;

/**
 * Authorization rules for Socket.IO, declared the way Spring Security declares message
 * rules: matchers by namespace and event name, each with an {@link AuthorizationManager},
 * the first matching rule deciding; what no rule matches is denied. Declare one as a
 * bean and the starter applies it to every CONNECT and every event:
 *
 * <pre class="code">
 * &#64;Bean
 * AuthorizationManager&lt;SocketIOAccess&gt; socketIOAccessRules() {
 *     return SocketIOAccessRules.builder()
 *         .connect("/admin").hasRole("ADMIN")
 *         .event("/chat", "delete").hasRole("MODERATOR")
 *         .anyConnect().authenticated()
 *         .anyEvent().authenticated()
 *         .build();
 * }
 * </pre>
 */
public final class SocketIOAccessRules implements AuthorizationManager<SocketIOAccess> {

	private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

	private final List<Rule> rules;

	private SocketIOAccessRules(List<Rule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * Start declaring rules.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends @Nullable Authentication> authentication,
			SocketIOAccess access) {
		for (Rule rule : this.rules) {
			if (rule.matcher().test(access)) {
				AuthorizationResult result = rule.manager().authorize(authentication, access);
				return (result != null) ? result : DENIED;
			}
		}
		return DENIED;
	}

	private record Rule(Predicate<SocketIOAccess> matcher, AuthorizationManager<SocketIOAccess> manager) {

	}

	/**
	 * Declares the rules in order.
	 */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Match sockets joining a namespace.
		 * @param namespace the namespace, e.g. {@code /admin}
		 * @return the rule to complete
		 */
		public RuleBuilder connect(String namespace) {
			String name = normalize(namespace);
			return new RuleBuilder((access) -> access.isConnect() && access.namespace().equals(name));
		}

		/**
		 * Match sockets joining any namespace.
		 * @return the rule to complete
		 */
		public RuleBuilder anyConnect() {
			return new RuleBuilder(SocketIOAccess::isConnect);
		}

		/**
		 * Match events of a name sent in a namespace.
		 * @param namespace the namespace
		 * @param event the event name
		 * @return the rule to complete
		 */
		public RuleBuilder event(String namespace, String event) {
			String name = normalize(namespace);
			return new RuleBuilder((access) -> event.equals(access.event()) && access.namespace().equals(name));
		}

		/**
		 * Match events of a name sent in any namespace.
		 * @param event the event name
		 * @return the rule to complete
		 */
		public RuleBuilder event(String event) {
			return new RuleBuilder((access) -> event.equals(access.event()));
		}

		/**
		 * Match every event of a namespace.
		 * @param namespace the namespace
		 * @return the rule to complete
		 */
		public RuleBuilder anyEvent(String namespace) {
			String name = normalize(namespace);
			return new RuleBuilder((access) -> !access.isConnect() && access.namespace().equals(name));
		}

		/**
		 * Match every event.
		 * @return the rule to complete
		 */
		public RuleBuilder anyEvent() {
			return new RuleBuilder((access) -> !access.isConnect());
		}

		/**
		 * Match what the predicate accepts.
		 * @param matcher the predicate
		 * @return the rule to complete
		 */
		public RuleBuilder matching(Predicate<SocketIOAccess> matcher) {
			return new RuleBuilder(matcher);
		}

		/**
		 * Build the rules.
		 * @return the authorization manager
		 */
		public SocketIOAccessRules build() {
			return new SocketIOAccessRules(this.rules);
		}

		private static String normalize(String namespace) {
			Assert.hasText(namespace, "namespace must not be empty");
			return namespace.startsWith("/") ? namespace : "/" + namespace;
		}

		/**
		 * Says who a matched request is for.
		 */
		public final class RuleBuilder {

			private final Predicate<SocketIOAccess> matcher;

			private RuleBuilder(Predicate<SocketIOAccess> matcher) {
				this.matcher = matcher;
			}

			/** Everyone, anonymous included. @return the builder */
			public Builder permitAll() {
				return access((authentication, access) -> new AuthorizationDecision(true));
			}

			/** No one. @return the builder */
			public Builder denyAll() {
				return access((authentication, access) -> DENIED);
			}

			/** Authenticated callers (not anonymous). @return the builder */
			public Builder authenticated() {
				return access(AuthenticatedAuthorizationManager.authenticated());
			}

			/**
			 * Callers with one of the roles.
			 * @param roles the roles, without the {@code ROLE_} prefix
			 * @return the builder
			 */
			public Builder hasRole(String... roles) {
				return access(AuthorityAuthorizationManager.hasAnyRole(roles));
			}

			/**
			 * Callers with one of the authorities.
			 * @param authorities the authorities
			 * @return the builder
			 */
			public Builder hasAuthority(String... authorities) {
				return access(AuthorityAuthorizationManager.hasAnyAuthority(authorities));
			}

			/**
			 * Callers the manager grants.
			 * @param manager the manager
			 * @return the builder
			 */
			public Builder access(AuthorizationManager<SocketIOAccess> manager) {
				Builder.this.rules.add(new Rule(this.matcher, manager));
				return Builder.this;
			}

		}

	}

}
