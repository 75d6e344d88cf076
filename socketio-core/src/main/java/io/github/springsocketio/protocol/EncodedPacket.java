package io.github.springsocketio.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The text part and the binary attachments of an encoded packet. The text is sent
 * first, then each attachment as a binary message, in order.
 * <p>
 * The attachment arrays are shared with the packet's
 * {@link tools.jackson.databind.node.BinaryNode binary nodes}, not copied, and must not
 * be modified.
 *
 * @param text the text message
 * @param attachments the binary messages that follow it (an unmodifiable list, empty
 * for a packet without binary data)
 */
public record EncodedPacket(String text, List<byte[]> attachments) {

	/**
	 * Create a new encoded packet.
	 * @param text the text message
	 * @param attachments the binary messages that follow it
	 */
	public EncodedPacket {
		Objects.requireNonNull(text, "text");
		attachments = List.copyOf(attachments);
	}

	/**
	 * Return whether binary messages follow the text.
	 * @return {@code true} if there are attachments
	 */
	public boolean hasAttachments() {
		return !this.attachments.isEmpty();
	}

}
