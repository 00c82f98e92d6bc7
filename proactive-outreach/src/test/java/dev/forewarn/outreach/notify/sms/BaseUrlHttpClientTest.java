package dev.forewarn.outreach.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import org.junit.jupiter.api.Test;

class BaseUrlHttpClientTest {

  private static Request messageCreate() {
    Request request = new Request(HttpMethod.POST, "api", "/2010-04-01/Accounts/AC1/Messages.json");
    request.setAuth("AC1", "secret");
    request.addPostParam("To", "+821012345678");
    request.addPostParam("Body", "hello");
    request.addHeaderParam("X-Test", "1");
    return request;
  }

  @Test
  void addressesTwilioRequestsToTheConfiguredBaseUrlWithEverythingElseKept() {
    Request rebased = new BaseUrlHttpClient("http://127.0.0.1:8089/").rebased(messageCreate());

    assertThat(rebased.constructURL().toString())
        .isEqualTo("http://127.0.0.1:8089/2010-04-01/Accounts/AC1/Messages.json");
    assertThat(rebased.getMethod()).isEqualTo(HttpMethod.POST);
    assertThat(rebased.getPostParams()).containsEntry("To", java.util.List.of("+821012345678"));
    assertThat(rebased.getPostParams()).containsEntry("Body", java.util.List.of("hello"));
    assertThat(rebased.getHeaderParams()).containsKey("X-Test");
    assertThat(rebased.getAuthString()).isEqualTo(messageCreate().getAuthString());
  }

  @Test
  void leavesRequestsAloneWhenTheBaseUrlIsTwiliosOwn() {
    Request original = messageCreate();

    assertThat(new BaseUrlHttpClient("https://api.twilio.com").rebased(original))
        .isSameAs(original);
  }
}
