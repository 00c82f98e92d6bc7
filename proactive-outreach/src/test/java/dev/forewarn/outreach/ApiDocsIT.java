package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description against the running service: every mapping of every controller is in it,
 * every API operation states its roles and its refusals, and only staff may read it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class ApiDocsIT {

  static final TestSchema SCHEMA = new TestSchema();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.admin.user", () -> "docs-boss");
    registry.add("forewarn.admin.password", () -> "a long enough password");
  }

  @Autowired Actors actors;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyControllerMappingIsInTheDescription() {
    JsonNode paths = actors.agent().getForObject("/v3/api-docs", JsonNode.class).get("paths");
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping :
        mappings.getHandlerMethods().entrySet()) {
      if (!mapping.getValue().getBeanType().getPackageName().startsWith("dev.forewarn")) {
        continue;
      }
      for (String path : mapping.getKey().getPatternValues()) {
        JsonNode item = paths.get(path);
        softly.assertThat(item).as("%s is described", path).isNotNull();
        for (RequestMethod method : methods(mapping.getKey())) {
          softly
              .assertThat(item != null && item.has(method.name().toLowerCase()))
              .as("%s %s is described", method, path)
              .isTrue();
          checked++;
        }
      }
    }
    softly.assertAll();
    assertThat(checked).as("mappings checked").isGreaterThan(60);
  }

  @Test
  void everyApiOperationStatesItsRolesAndRefusals() {
    JsonNode description = actors.manager().getForObject("/v3/api-docs", JsonNode.class);
    JsonNode schemes = description.get("components").get("securitySchemes");
    assertThat(schemes.get("bearer").get("scheme").asText()).isEqualTo("bearer");
    assertThat(schemes.get("session").get("in").asText()).isEqualTo("cookie");
    assertThat(description.get("components").get("schemas").has("ApiError")).isTrue();
    SoftAssertions softly = new SoftAssertions();
    description
        .get("paths")
        .fields()
        .forEachRemaining(
            path -> {
              if (!path.getKey().startsWith("/api/")) {
                return;
              }
              path.getValue()
                  .fields()
                  .forEachRemaining(
                      operation -> {
                        String name = operation.getKey() + " " + path.getKey();
                        JsonNode responses = operation.getValue().get("responses");
                        softly.assertThat(responses.has("401")).as(name + " 401").isTrue();
                        softly.assertThat(responses.has("403")).as(name + " 403").isTrue();
                        if (path.getKey().contains("{")) {
                          softly.assertThat(responses.has("404")).as(name + " 404").isTrue();
                        }
                        JsonNode op = operation.getValue();
                        if (op.has("requestBody")
                            || (op.has("parameters") && !op.get("parameters").isEmpty())) {
                          softly.assertThat(responses.has("400")).as(name + " 400").isTrue();
                        }
                        if (op.has("requestBody")) {
                          softly.assertThat(responses.has("413")).as(name + " 413").isTrue();
                        }
                        softly.assertThat(op.get("x-roles")).as(name + " roles").isNotEmpty();
                        softly.assertThat(op.get("security")).as(name + " security").hasSize(2);
                      });
            });
    softly.assertAll();
    JsonNode paths = description.get("paths");
    assertThat(roles(paths, "/api/rules", "get")).containsExactly("MANAGER", "AGENT");
    assertThat(roles(paths, "/api/rules/{id}/activate", "post")).containsExactly("MANAGER");
    assertThat(roles(paths, "/api/backtests", "post")).containsExactly("MANAGER");
    assertThat(roles(paths, "/api/devices/{deviceId}/telemetry", "get"))
        .containsExactly("MANAGER", "AGENT");
    assertThat(roles(paths, "/api/me/cases/{id}", "get")).containsExactly("CUSTOMER", "CASE_LINK");
    assertThat(paths.get("/webhooks/twilio/status").get("post").get("responses").has("403"))
        .isTrue();
    assertThat(paths.at("/~1webhooks~1twilio~1inbound/post/responses/413/description").asText())
        .isEqualTo(
            "the body is larger than the limit of 1 MiB (1048576 bytes)"
                + " (forewarn.web.max-body-size)");
    // A rule document is read as text but described as the JSON object it is.
    for (String method : List.of("post", "put")) {
      String path = method.equals("post") ? "/api/rules" : "/api/rules/{id}";
      assertThat(
              paths
                  .get(path)
                  .get(method)
                  .get("requestBody")
                  .get("content")
                  .get("application/json")
                  .get("schema")
                  .get("type")
                  .asText())
          .as("%s %s", method, path)
          .isEqualTo("object");
    }
  }

  @Test
  void onlyStaffReadTheDescriptionAndSwaggerUi() {
    ResponseEntity<String> anonymous =
        actors.anonymous().getForEntity("/v3/api-docs", String.class);
    assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
    assertThat(anonymous.getBody()).contains("\"error\"");
    long customer =
        new OutreachClient(actors.manager())
            .post("/api/customers", Map.of("name", "Ro"), 201)
            .get("id")
            .asLong();
    assertThat(
            actors
                .customer(customer)
                .getForEntity("/v3/api-docs", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
    assertThat(actors.agent().getForEntity("/v3/api-docs", String.class).getStatusCode().value())
        .isEqualTo(200);

    Browser browser = new Browser(actors.baseUrl());
    HttpResponse<String> ui = browser.get("/swagger-ui/index.html");
    assertThat(ui.statusCode()).isEqualTo(302);
    assertThat(ui.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    browser.get("/login");
    browser.submit("/login", Map.of("username", "docs-boss", "password", "a long enough password"));
    HttpResponse<String> signedIn = browser.get("/swagger-ui/index.html");
    assertThat(signedIn.statusCode()).isEqualTo(200);
    assertThat(signedIn.body()).contains("Swagger UI");
    assertThat(browser.get("/v3/api-docs").statusCode()).isEqualTo(200);
  }

  private static List<String> roles(JsonNode paths, String path, String method) {
    List<String> roles = new ArrayList<>();
    paths.get(path).get(method).get("x-roles").forEach(r -> roles.add(r.asText()));
    return roles;
  }

  private static List<RequestMethod> methods(RequestMappingInfo info) {
    var methods = info.getMethodsCondition().getMethods();
    return methods.isEmpty() ? List.of(RequestMethod.GET) : List.copyOf(methods);
  }
}
