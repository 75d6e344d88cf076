package io.github.springsocketio.javaclient.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.springsocketio.javaclient.ClientSocket;
import io.github.springsocketio.javaclient.SocketIOClient;
import io.github.springsocketio.javaclient.Transport;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Acknowledgements per second and CPU time per acknowledgement of one client process:
 * {@code connections} WebSocket connections, each keeping {@code inFlight}
 * {@code emitWithAck("message-with-ack", "ping")} in flight against a conformance
 * fixture, measured over {@code seconds} after a warm-up. Run by
 * {@code bench/client.sh}; not a test.
 * <pre>
 * java ... ClientAckBench http://127.0.0.1:PORT [connections=10] [inFlight=10] [seconds=20] [warmup=5]
 * </pre>
 */
public final class ClientAckBench {

	private ClientAckBench() {
	}

	public static void main(String[] args) throws Exception {
		URI uri = URI.create(args[0]);
		int connections = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int inFlight = (args.length > 2) ? Integer.parseInt(args[2]) : 10;
		int seconds = (args.length > 3) ? Integer.parseInt(args[3]) : 20;
		int warmup = (args.length > 4) ? Integer.parseInt(args[4]) : 5;
		AtomicLong acks = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<SocketIOClient> clients = new ArrayList<>();
		List<Disposable> loops = new ArrayList<>();
		for (int i = 0; i < connections; i++) {
			SocketIOClient client = SocketIOClient.builder(uri).transports(Transport.WEBSOCKET).build();
			clients.add(client);
			ClientSocket socket = client.socket("/");
			socket.connect().block(Duration.ofSeconds(10));
			loops.add(Flux.range(0, Integer.MAX_VALUE)
				.flatMap((n) -> socket.emitWithAck("message-with-ack", "ping")
					.doOnNext((reply) -> acks.incrementAndGet())
					.onErrorResume((error) -> {
						errors.incrementAndGet();
						return reactor.core.publisher.Mono.empty();
					}), inFlight)
				.subscribe());
		}
		Thread.sleep(warmup * 1000L);
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpu0 = os.getProcessCpuTime();
		long acks0 = acks.get();
		long t0 = System.nanoTime();
		Thread.sleep(seconds * 1000L);
		long cpu = os.getProcessCpuTime() - cpu0;
		long done = acks.get() - acks0;
		double elapsed = (System.nanoTime() - t0) / 1e9;
		loops.forEach(Disposable::dispose);
		clients.forEach(SocketIOClient::close);
		System.out.printf(Locale.ROOT,
				"connections=%d inFlight=%d seconds=%.1f acks=%d acks/s=%.0f cpu=%.2fs cpu/ack=%.1fus "
						+ "cores=%.2f errors=%d%n",
				connections, inFlight, elapsed, done, done / elapsed, cpu / 1e9, (done > 0) ? cpu / 1e3 / done : 0,
				cpu / 1e9 / elapsed, errors.get());
		System.exit(0);
	}

}
