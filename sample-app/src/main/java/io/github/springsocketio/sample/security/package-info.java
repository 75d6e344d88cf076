/**
 * The sample's Spring Security setup.
 */
@NullMarked
package io.github.springsocketio.sample.security;

import org.jspecify.annotations.NullMarked;
