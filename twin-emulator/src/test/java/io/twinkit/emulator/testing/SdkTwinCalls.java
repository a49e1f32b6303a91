package io.twinkit.emulator.testing;

import com.microsoft.azure.sdk.iot.device.InternalClient;
import com.microsoft.azure.sdk.iot.device.IotHubStatusCode;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.transport.IotHubTransportMessage;
import com.microsoft.azure.sdk.iot.device.twin.GetTwinCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateCorrelatingMessageCallback;
import com.microsoft.azure.sdk.iot.device.twin.ReportedPropertiesUpdateResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The device SDK's twin GET and reported PATCH, through its correlating callbacks, robust against a race inside the
 * SDK: {@code IotHubTransport.onMessageReceived} queues a response before it looks up the response callback, and the
 * receive thread may acknowledge the response and drop the callback in between, so {@code onResponseReceived} (and
 * with it the synchronous {@code getTwin} and {@code updateReportedProperties}) never completes. That is
 * Azure/azure-iot-sdk-java issue 1803, open for 2.5.0 and seen here under CPU load. The receive thread still calls
 * {@code onResponseAcknowledged} with the same response message, so the outcome is taken from whichever callback
 * comes first; both carry the status and {@code $version} the emulator sent.
 */
public final class SdkTwinCalls {

    private static final long TIMEOUT_SECONDS = 20;

    /**
     * What the SDK made of a response.
     *
     * @param status the status of the response topic, as the SDK maps it
     * @param version the {@code $version} of the response topic, or {@code null}
     */
    public record Outcome(IotHubStatusCode status, @Nullable Integer version) {
    }

    private SdkTwinCalls() {
    }

    /** Reads the twin; fails unless the response is 200. */
    public static Twin getTwin(InternalClient client) throws Exception {
        CompletableFuture<Twin> result = new CompletableFuture<>();
        client.getTwinAsync(new GetTwinCorrelatingMessageCallback() {
            @Override
            public void onRequestQueued(Message message, Object context) {
            }

            @Override
            public void onRequestSent(Message message, Object context) {
            }

            @Override
            public void onRequestAcknowledged(Message message, Object context, IotHubClientException e) {
                failOn(e, result);
            }

            @Override
            public void onResponseReceived(Twin twin, Message message, Object context, IotHubStatusCode status,
                                           IotHubClientException e) {
                completeTwin(message, result);
            }

            @Override
            public void onResponseAcknowledged(Message message, Object context) {
                completeTwin(message, result);
            }
        }, null);
        return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Reports properties ({@code properties.getVersion()} non-null asks for the version check). */
    public static Outcome report(InternalClient client, TwinCollection properties) throws Exception {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        client.updateReportedPropertiesAsync(properties, new ReportedPropertiesUpdateCorrelatingMessageCallback() {
            @Override
            public void onRequestQueued(Message message, Object context) {
            }

            @Override
            public void onRequestSent(Message message, Object context) {
            }

            @Override
            public void onRequestAcknowledged(Message message, Object context, IotHubClientException e) {
                failOn(e, result);
            }

            @Override
            public void onResponseReceived(Message message, Object context, IotHubStatusCode status,
                                           ReportedPropertiesUpdateResponse response, IotHubClientException e) {
                result.complete(new Outcome(status, response.getVersion()));
            }

            @Override
            public void onResponseAcknowledged(Message message, Object context) {
                result.complete(outcome(message));
            }
        }, null);
        return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static void completeTwin(Message message, CompletableFuture<Twin> result) {
        Outcome outcome = outcome(message);
        if (outcome.status() != IotHubStatusCode.OK) {
            result.completeExceptionally(new IotHubClientException(outcome.status(), "getTwin answered " + outcome));
        } else {
            result.complete(Twin.createFromPropertiesJson(new String(message.getBytes(), StandardCharsets.UTF_8)));
        }
    }

    private static Outcome outcome(Message message) {
        IotHubTransportMessage response = (IotHubTransportMessage) message;
        return new Outcome(IotHubStatusCode.getIotHubStatusCode(Integer.parseInt(response.getStatus())),
                response.getVersion());
    }

    private static void failOn(@Nullable IotHubClientException e, CompletableFuture<?> result) {
        if (e != null) {
            result.completeExceptionally(e);
        }
    }
}
