package io.github.springsocketio.adapter;

/**
 * Creates the adapter of each namespace.
 */
@FunctionalInterface
public interface AdapterFactory {

	/** The in-memory adapter. */
	AdapterFactory IN_MEMORY = InMemoryAdapter::new;

	/**
	 * Create the adapter of a namespace.
	 * @param namespace the namespace
	 * @return its adapter
	 */
	Adapter create(AdapterNamespace namespace);

}
