package dev.forewarn.outreach.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How much a request may carry ({@code forewarn.web.*}).
 *
 * @param maxBodySize the largest request body any endpoint reads (JSON, forms, Twilio webhooks); a
 *     larger one is answered 413 before it reaches a controller
 * @param maxJsonDepth how deeply a JSON request body may nest objects and arrays; deeper is 400
 */
@Validated
@ConfigurationProperties("forewarn.web")
public record RequestLimitProperties(
    @NotNull @DefaultValue("1MB") DataSize maxBodySize,
    @Min(8) @Max(1000) @DefaultValue("100") int maxJsonDepth) {

  public RequestLimitProperties {
    if (maxBodySize != null && maxBodySize.toBytes() < 1024) {
      throw new IllegalArgumentException(
          "forewarn.web.max-body-size must be at least 1KB: " + maxBodySize);
    }
  }

  /** The body limit in words, e.g. "1 MiB (1048576 bytes)". */
  public String describeMaxBodySize() {
    long bytes = maxBodySize.toBytes();
    String unit;
    if (bytes % (1024 * 1024) == 0) {
      unit = bytes / (1024 * 1024) + " MiB";
    } else if (bytes % 1024 == 0) {
      unit = bytes / 1024 + " KiB";
    } else {
      return bytes + " bytes";
    }
    return unit + " (" + bytes + " bytes)";
  }
}
