/**
 * {@link io.github.springsocketio.test.autoconfigure.AutoConfigureSocketIOTester}: a
 * {@link io.github.springsocketio.test.tester.SocketIOTester} bean bound to the
 * application started by {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}.
 */
@NullMarked
package io.github.springsocketio.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
