package io.twinkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinkit.core.json.JsonNull;
import io.twinkit.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MethodDispatcher} without a hub: which answer each call gets (handler, typed mapping, unknown method, bad
 * payload, failure, timeout, busy), that each call is answered once, and that handlers never run on the caller's
 * (the SDK's) thread.
 */
@Timeout(30)
class MethodDispatcherTest {

    record Move(String direction, int steps) {
    }

    record Moved(int position) {
    }

    private final List<MethodResponse> answers = new CopyOnWriteArrayList<>();
    private MethodDispatcher dispatcher = new MethodDispatcher(2, Duration.ofSeconds(5));

    @AfterEach
    void close() {
        dispatcher.close();
    }

    @Test
    void aTypedHandlerGetsTheMappedPayloadAndItsResultIsAnswered200() throws Exception {
        dispatcher.register("move", MethodDispatcher.typed(Move.class,
                move -> new Moved(move.direction().equals("up") ? move.steps() : -move.steps())));

        dispatch("move", "{\"direction\":\"up\",\"steps\":3}");

        assertThat(awaitAnswer()).isEqualTo(new MethodResponse(200, json("{\"position\":3}")));
    }

    @Test
    void aTypedHandlerMayAnswerAnotherStatusWithAMethodResponse() throws Exception {
        dispatcher.register("move", MethodDispatcher.typed(Move.class,
                move -> move.steps() > 10 ? MethodResponse.withMessage(409, "too far") : new Moved(move.steps())));

        dispatch("move", "{\"direction\":\"up\",\"steps\":30}");

        assertThat(awaitAnswer()).isEqualTo(new MethodResponse(409, json("{\"message\":\"too far\"}")));
    }

    @Test
    void aPayloadThatDoesNotMapIsAnswered400WithoutCallingTheHandler() throws Exception {
        AtomicBoolean called = new AtomicBoolean();
        dispatcher.register("move", MethodDispatcher.typed(Move.class, move -> {
            called.set(true);
            return null;
        }));

        dispatch("move", "{\"direction\":\"up\",\"steps\":\"many\"}");

        MethodResponse answer = awaitAnswer();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.payload().toString()).contains("does not map to Move").contains("steps");
        assertThat(called).isFalse();
    }

    @Test
    void aRawHandlerSeesAnyJsonAndAnEmptyPayloadIsNull() throws Exception {
        List<MethodRequest> seen = new CopyOnWriteArrayList<>();
        dispatcher.register("echo", request -> {
            seen.add(request);
            return new MethodResponse(200, request.payload());
        });

        dispatch("echo", "[1,2.5,\"x\"]");
        assertThat(awaitAnswer()).isEqualTo(new MethodResponse(200, json("[1,2.5,\"x\"]")));
        answers.clear();
        dispatch("echo", "");
        assertThat(awaitAnswer()).isEqualTo(new MethodResponse(200, JsonNull.INSTANCE));
        assertThat(seen).extracting(MethodRequest::name).containsExactly("echo", "echo");
    }

    @Test
    void aPayloadThatIsNotJsonIsAnswered400() throws Exception {
        dispatcher.register("echo", request -> MethodResponse.ok());

        dispatch("echo", "{not json");

        MethodResponse answer = awaitAnswer();
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.payload().toString()).contains("is not JSON");
    }

    @Test
    void anUnknownMethodIsAnswered501UnlessTheUnknownMethodHandlerSaysOtherwise() throws Exception {
        dispatch("selfDestruct", "null");
        assertThat(awaitAnswer()).isEqualTo(new MethodResponse(501,
                json("{\"message\":\"method 'selfDestruct' has no handler on this device\"}")));

        answers.clear();
        dispatcher.registerUnknown(request -> MethodResponse.withMessage(404, "no " + request.name()));
        dispatch("selfDestruct", "null");
        assertThat(awaitAnswer()).isEqualTo(MethodResponse.withMessage(404, "no selfDestruct"));
    }

    @Test
    void aHandlerThatThrowsIsAnswered500WithTheExceptionTypeButNotItsMessage() throws Exception {
        dispatcher.register("fail", request -> {
            throw new IllegalStateException("the secret is 42");
        });

        dispatch("fail", "{}");

        MethodResponse answer = awaitAnswer();
        assertThat(answer).isEqualTo(MethodResponse.withMessage(500,
                "method 'fail' failed on the device: IllegalStateException"));
        assertThat(answer.payload().toString()).doesNotContain("42");
    }

    @Test
    void aSlowHandlerIsAnswered504AtItsTimeoutInterruptedAndItsLateAnswerDropped() throws Exception {
        dispatcher.close();
        dispatcher = new MethodDispatcher(1, Duration.ofMillis(300));
        CountDownLatch interrupted = new CountDownLatch(1);
        dispatcher.register("slow", request -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return MethodResponse.ok("late");
        });

        long start = System.nanoTime();
        dispatch("slow", "{}");

        assertThat(awaitAnswer()).isEqualTo(MethodResponse.withMessage(504,
                "method 'slow' did not complete within PT0.3S"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                Duration.ofSeconds(5));
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the handler's thread is interrupted").isTrue();
        // the same thread is free again and answers the next call; the late "late" never went out
        dispatcher.register("fast", request -> MethodResponse.ok("fast"));
        dispatch("fast", "{}");
        awaitAnswers(2);
        assertThat(answers).extracting(MethodResponse::status).containsExactly(504, 200);
    }

    @Test
    void handlersRunOnMethodThreadsSeveralAtOnce() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        AtomicReference<String> thread = new AtomicReference<>();
        dispatcher.register("meet", request -> {
            thread.set(Thread.currentThread().getName());
            both.countDown();
            // only returns if the other call runs at the same time
            return both.await(5, TimeUnit.SECONDS) ? MethodResponse.ok() : MethodResponse.withMessage(500, "alone");
        });

        dispatch("meet", "{}");
        dispatch("meet", "{}");

        awaitAnswers(2);
        assertThat(answers).extracting(MethodResponse::status).containsExactly(200, 200);
        assertThat(thread.get()).startsWith("twinkit-method-").isNotEqualTo(Thread.currentThread().getName());
    }

    @Test
    void callsBeyondTheThreadsAndTheQueueAreAnswered503AtOnce() throws Exception {
        dispatcher.close();
        dispatcher = new MethodDispatcher(1, Duration.ofSeconds(20));
        CountDownLatch release = new CountDownLatch(1);
        dispatcher.register("block", request -> {
            release.await();
            return MethodResponse.ok();
        });

        for (int i = 0; i < 1 + MethodDispatcher.QUEUE_CAPACITY + 2; i++) {
            dispatch("block", "{}");
        }

        awaitAnswers(2);
        assertThat(answers).extracting(MethodResponse::status).containsExactly(503, 503);
        assertThat(answers.get(0).payload().toString()).contains("the device is busy");
        release.countDown();
        awaitAnswers(2 + 1 + MethodDispatcher.QUEUE_CAPACITY);
        assertThat(answers.subList(2, answers.size())).extracting(MethodResponse::status).containsOnly(200);
    }

    @Test
    void anAnswerLargerThanIotHubCarriesIsAnswered500() throws Exception {
        dispatcher.register("big", request -> MethodResponse.ok("x".repeat(MethodResponse.MAX_PAYLOAD_BYTES)));

        dispatch("big", "{}");

        MethodResponse answer = awaitAnswer();
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.payload().toString()).contains("more than IoT Hub's 131072");
    }

    private void dispatch(String name, String payload) {
        dispatcher.dispatch(name, payload.getBytes(StandardCharsets.UTF_8), answers::add);
    }

    private MethodResponse awaitAnswer() throws InterruptedException {
        awaitAnswers(1);
        assertThat(answers).hasSize(1);
        return answers.get(0);
    }

    private void awaitAnswers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (answers.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + answers.size() + " of " + count + " answers: " + answers);
            }
            Thread.sleep(5);
        }
    }

    private static JsonValue json(String text) {
        return JsonValue.parse(text);
    }
}
