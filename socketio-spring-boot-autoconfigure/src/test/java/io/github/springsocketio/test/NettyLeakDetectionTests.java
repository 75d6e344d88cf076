package io.github.springsocketio.test;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak detection that every test class runs under can see a leak.
 */
class NettyLeakDetectionTests {

	@Test
	void aBufferDroppedWithoutReleaseIsReported() throws InterruptedException {
		assertThat(NettyLeakDetection.collect()).as("server leaks of earlier tests")
			.allMatch(NettyLeakDetection::isTestClientLeak);
		leak();
		List<String> reported = NettyLeakDetection.collect();
		assertThat(reported).isNotEmpty().allMatch((report) -> report.startsWith("LEAK: ByteBuf"));
	}

	private static void leak() {
		ByteBuf buffer = ByteBufAllocator.DEFAULT.directBuffer(64);
		buffer.writeInt(42);
	}

}
