package io.leadquality.testkit;

import io.leadquality.webhooks.WebhookReceiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sela's side of the webhooks: POSTs a body to a running receiver's URL for a trigger, with the secret. */
public final class WebhookSender {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String secret;

    public WebhookSender(WebhookReceiver receiver, String secret) {
        this.base = "http://127.0.0.1:" + receiver.port() + "/sela/";
        this.secret = secret;
    }

    /** The receiver's HTTP status for {@code body} sent as the webhook of {@code trigger}. */
    public int send(String trigger, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + trigger + "?key=" + secret)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
