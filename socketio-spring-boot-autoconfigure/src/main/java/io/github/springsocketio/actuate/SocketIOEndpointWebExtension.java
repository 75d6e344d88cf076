package io.github.springsocketio.actuate;

import io.github.springsocketio.actuate.SocketIOEndpoint.SocketDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * Web extension of the {@link SocketIOEndpoint}: disconnecting an unknown socket is
 * answered {@code 404}.
 */
@EndpointWebExtension(endpoint = SocketIOEndpoint.class)
public final class SocketIOEndpointWebExtension {

	private final SocketIOEndpoint delegate;

	/**
	 * Create the extension.
	 * @param delegate the endpoint
	 */
	public SocketIOEndpointWebExtension(SocketIOEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Disconnect a socket from its namespace.
	 * @param namespace the namespace's selector
	 * @param id the socket id
	 * @param close whether to close the socket's whole connection
	 * @return {@code 200} with the socket as it was, or {@code 404}
	 */
	@DeleteOperation
	public WebEndpointResponse<SocketDescriptor> disconnect(@Selector String namespace, @Selector String id,
			@Nullable Boolean close) {
		SocketDescriptor socket = this.delegate.disconnect(namespace, id, close);
		return (socket != null) ? new WebEndpointResponse<>(socket)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
