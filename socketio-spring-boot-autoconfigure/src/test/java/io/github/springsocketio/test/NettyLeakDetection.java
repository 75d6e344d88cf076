package io.github.springsocketio.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every test with Netty's leak detection at the paranoid level and fails the test
 * class after which Netty reports a leaked buffer of the server (buffers that only a
 * test's HTTP client touched are reported on standard error without failing). Registered for every test class
 * through JUnit's extension auto-detection ({@code META-INF/services} and
 * {@code junit-platform.properties}).
 */
public final class NettyLeakDetection implements AfterAllCallback {

	private static final List<String> leaks = new CopyOnWriteArrayList<>();

	static {
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
	}

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		List<String> reported = new ArrayList<>();
		for (String leak : collect()) {
			if (isTestClientLeak(leak)) {
				// a buffer of a test's HTTP client (e.g. a response body a test did not read):
				// not the server's, reported without failing
				System.err.println("Netty leak in a test client (ignored) by the end of "
						+ context.getDisplayName() + ": " + leak.lines().limit(3).toList());
			}
			else {
				reported.add(leak);
			}
		}
		if (!reported.isEmpty()) {
			fail("Netty reported %d leaked buffer(s) by the end of %s:%n%s", reported.size(),
					context.getDisplayName(), String.join(System.lineSeparator(), reported));
		}
	}

	/**
	 * Whether a leak report concerns a buffer read by an HTTP client's codec, that is by
	 * a test's client rather than by the server under test.
	 * @param leak the report
	 * @return {@code true} for a client-side buffer
	 */
	static boolean isTestClientLeak(String leak) {
		return leak.contains("HttpClientCodec") && !leak.contains("HttpServerCodec");
	}

	/**
	 * Collect garbage and let Netty report what was collected without being released.
	 * @return the leak reports since the last call
	 */
	public static List<String> collect() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(20);
			// leaks are reported when the next tracked buffer is allocated
			for (ByteBufAllocator allocator : new ByteBufAllocator[] { ByteBufAllocator.DEFAULT,
					PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT }) {
				ByteBuf probe = allocator.directBuffer(1);
				probe.release();
				probe = allocator.heapBuffer(1);
				probe.release();
			}
		}
		List<String> reported = new ArrayList<>(leaks);
		leaks.removeAll(reported);
		return reported;
	}

	private static final class RecordingFactory extends ResourceLeakDetectorFactory {

		@Override
		@SuppressWarnings("deprecation")
		public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
				long maxActive) {
			return new RecordingDetector<>(resource, samplingInterval);
		}

	}

	private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {

		RecordingDetector(Class<T> resource, int samplingInterval) {
			super(resource, samplingInterval);
		}

		@Override
		protected boolean needReport() {
			return true;
		}

		@Override
		protected void reportTracedLeak(String resourceType, String records) {
			leaks.add("LEAK: " + resourceType + records);
		}

		@Override
		protected void reportUntracedLeak(String resourceType) {
			leaks.add("LEAK: " + resourceType + " (untraced)");
		}

	}

}
