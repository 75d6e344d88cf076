/**
 * {@link io.github.springsocketio.test.tester.SocketIOTester}: connect to a running
 * application's Socket.IO namespaces from a test, emit, and expect events and
 * acknowledgements with readable assertion failures.
 */
@NullMarked
package io.github.springsocketio.test.tester;

import org.jspecify.annotations.NullMarked;
