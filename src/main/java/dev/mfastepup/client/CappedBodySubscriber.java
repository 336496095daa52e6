package dev.mfastepup.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects an answer's body up to a limit. One byte more and it cancels the subscription, which makes Java's
 * HttpClient close the connection, so that the sender cannot keep a thread or memory of ours busy. A good answer
 * then fails with {@link GuardedBodyFilter.AnswerTooLargeException}; an error answer keeps its status and loses its
 * body, since its status still says whose fault it was (a 502 page of a proxy is Auth0 being unavailable).
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    private final int maxBytes;
    private final boolean keepStatusWhenTooLarge;
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    /**
     * Creates the subscriber of one answer's body.
     *
     * @param maxBytes the most bytes kept.
     * @param status the answer's status: at 300 and above, a body over the limit is dropped, not a failure.
     */
    CappedBodySubscriber(int maxBytes, int status) {
        this.maxBytes = maxBytes;
        this.keepStatusWhenTooLarge = status >= 300;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (collected.size() + buffer.remaining() > maxBytes) {
                subscription.cancel();
                if (keepStatusWhenTooLarge) {
                    body.complete(new byte[0]);
                } else {
                    body.completeExceptionally(new GuardedBodyFilter.AnswerTooLargeException(maxBytes));
                }
                return;
            }
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            collected.writeBytes(bytes);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(collected.toByteArray());
    }
}
