package dev.asynccom.transport.codec;

/**
 * A frame that does not follow its wire format: truncated, over a size limit, or with a wrong magic,
 * version, kind or shape. The message is one sentence saying what was wrong.
 *
 * <p>Carries no stack trace: a hostile or broken peer can produce these at line rate, and the place
 * they were detected is in the message.
 */
public final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message, null, false, false);
    }
}
