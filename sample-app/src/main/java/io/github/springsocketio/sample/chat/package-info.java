/**
 * The chat demo behind the page at {@code /}: namespace {@code /chat}, active unless
 * the {@code conformance} profile is.
 */
@NullMarked
package io.github.springsocketio.sample.chat;

import org.jspecify.annotations.NullMarked;
