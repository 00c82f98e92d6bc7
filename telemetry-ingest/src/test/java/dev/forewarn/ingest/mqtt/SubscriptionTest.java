package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  private static final String SHARED = "$share/forewarn-ingest/devices/+/telemetry";
  private static final String PLAIN = "devices/+/senml";

  /** The filters of each SUBSCRIBE sent; every one is granted at once. */
  private final List<List<String>> sent = new ArrayList<>();

  private final IMqttAsyncClient client =
      (IMqttAsyncClient)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {IMqttAsyncClient.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "isConnected" -> true;
                    case "getClientId" -> "forewarn-ingest-0";
                    case "subscribe" -> {
                      String[] filters = (String[]) args[0];
                      sent.add(List.of(filters));
                      ((IMqttActionListener) args[3]).onSuccess(granted(filters.length));
                      yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

  @Test
  void aNewSessionSubscribesToEveryFilter() {
    subscription().connected(false);

    assertThat(sent).containsExactly(List.of(SHARED, PLAIN));
  }

  @Test
  void aResumedSessionSubscribesAgainOnlyToItsSharedFilters() {
    // Mosquitto 2.0 resumes the session after its own restart without its shared subscriptions.
    Subscription subscription = subscription();
    subscription.connected(false);
    subscription.connected(true);

    assertThat(sent).containsExactly(List.of(SHARED, PLAIN), List.of(SHARED));
  }

  @Test
  void aResumedSessionWithoutSharedFiltersIsNotSubscribedAgain() {
    Subscription subscription = new Subscription(client, List.of(PLAIN), retry -> {}, () -> {});
    subscription.connected(false);
    subscription.connected(true);

    assertThat(sent).containsExactly(List.of(PLAIN));
  }

  private Subscription subscription() {
    return new Subscription(client, List.of(SHARED, PLAIN), retry -> {}, () -> {});
  }

  private static IMqttToken granted(int filters) {
    return (IMqttToken)
        Proxy.newProxyInstance(
            SubscriptionTest.class.getClassLoader(),
            new Class<?>[] {IMqttToken.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getGrantedQos")) {
                int[] qos = new int[filters];
                java.util.Arrays.fill(qos, 1);
                return qos;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
