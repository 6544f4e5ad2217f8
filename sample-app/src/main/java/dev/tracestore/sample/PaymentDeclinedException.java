package dev.tracestore.sample;

/** The sample's deliberate failure: its type becomes the server span's {@code error.type}. */
class PaymentDeclinedException extends RuntimeException {

    PaymentDeclinedException(String message) {
        super(message);
    }
}
