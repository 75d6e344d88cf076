/**
 * Annotated Socket.IO controllers: {@link io.github.springsocketio.annotation.SocketIOController}
 * classes whose {@link io.github.springsocketio.annotation.OnEvent},
 * {@link io.github.springsocketio.annotation.OnConnect},
 * {@link io.github.springsocketio.annotation.OnDisconnect},
 * {@link io.github.springsocketio.annotation.BeforeConnect} and
 * {@link io.github.springsocketio.annotation.OnServerSideEvent} methods are dispatched by
 * {@link io.github.springsocketio.annotation.SocketIOMessageHandler}, built on
 * spring-messaging's reactive {@code AbstractMethodMessageHandler}. The mapping
 * annotations register the controllers' reflection hints for AOT processing
 * ({@link io.github.springsocketio.annotation.SocketIOMappingReflectiveProcessor}).
 * Depends on the {@code server} package, never the reverse.
 */
@NullMarked
package io.github.springsocketio.annotation;

import org.jspecify.annotations.NullMarked;
