/**
 * Room membership and broadcast fan-out: the adapter SPI with its in-memory default.
 * An adapter serves one namespace and reaches that namespace's sockets through
 * {@link io.github.springsocketio.adapter.AdapterNamespace}; distributed adapters
 * extend it across nodes.
 */
@NullMarked
package io.github.springsocketio.adapter;

import org.jspecify.annotations.NullMarked;
