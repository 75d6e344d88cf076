/**
 * Spring Security integration: the caller's security context in handlers, and the
 * Engine.IO endpoint's place in the application's security filter chain.
 */
@NullMarked
package io.github.springsocketio.security;

import org.jspecify.annotations.NullMarked;
