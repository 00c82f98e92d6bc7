package dev.forewarn.outreach.devices;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.history.Series;
import dev.forewarn.outreach.customers.Device;
import dev.forewarn.outreach.customers.DeviceOwnership;
import dev.forewarn.outreach.customers.DeviceRepository;
import dev.forewarn.outreach.customers.NewDevice;
import dev.forewarn.outreach.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/devices}: registration, ownership, health, open cases and telemetry. */
@RestController
@RequestMapping("/api/devices")
@Tag(name = "devices", description = "Devices, their owners, health, open cases and telemetry")
class DeviceController {

  private final DeviceOwnership ownership;
  private final DeviceViews views;
  private final TelemetrySeries telemetry;

  DeviceController(DeviceOwnership ownership, DeviceViews views, TelemetrySeries telemetry) {
    this.ownership = ownership;
    this.views = views;
    this.telemetry = telemetry;
  }

  @Operation(
      summary = "Register a device or move it to another owner",
      description =
          "201 for a new device, 200 for an existing one. Fields left out (or null) keep their"
              + " stored values; PATCH clears one.")
  @PostMapping
  ResponseEntity<Device> register(@Valid @RequestBody NewDevice body) {
    DeviceRepository.Registered registered = ownership.register(body);
    return registered.created()
        ? ResponseEntity.created(URI.create("/api/devices/" + body.deviceId()))
            .body(registered.device())
        : ResponseEntity.ok(registered.device());
  }

  @Operation(
      summary = "Change some fields of a device (JSON merge patch)",
      description =
          "customerId, secondaryCustomerId, nickname, model: a field given is set, given as null"
              + " is cleared (not customerId), left out keeps its value.")
  @PatchMapping(
      path = "/{deviceId}",
      consumes = {"application/merge-patch+json", "application/json"})
  Device change(@PathVariable String deviceId, @RequestBody JsonNode patch) {
    return ownership.change(deviceId, patch);
  }

  @Operation(summary = "Devices with their newest reading, health and open cases")
  @GetMapping
  ResponseEntity<List<DeviceOverview>> list(
      @RequestParam(required = false) Long customerId,
      @RequestParam(required = false) String model,
      @Parameter(description = "OK, INFO, WARNING or CRITICAL") @RequestParam(required = false)
          String health,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @Parameter(description = "deviceId, createdAt or health; then ,asc or ,desc")
          @RequestParam(required = false)
          String sort,
      HttpServletRequest request) {
    Paging paging = Paging.of(page, size, sort, DeviceViews.SORTS, "deviceId,asc");
    return Paging.response(views.list(customerId, model, health, paging), request);
  }

  @Operation(summary = "A device with its newest reading, health and open cases")
  @GetMapping("/{deviceId}")
  DeviceOverview one(@PathVariable String deviceId) {
    return views.find(deviceId);
  }

  @Operation(
      summary = "A device's telemetry, downsampled by InfluxDB",
      description =
          "Buckets of one interval (GROUP BY time) with mean, min, max and count per metric. The"
              + " interval is the shortest round one that keeps the range within maxPoints, unless"
              + " given. 503 when no telemetry history is configured.")
  @GetMapping("/{deviceId}/telemetry")
  Series telemetry(
      @PathVariable String deviceId,
      @Parameter(description = "metric names; none: every metric") @RequestParam(required = false)
          List<String> metric,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @Parameter(description = "default: now")
          @RequestParam(required = false)
          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @Parameter(description = "ISO-8601 duration such as PT10M; default: chosen from the range")
          @RequestParam(required = false)
          Duration interval,
      @RequestParam(defaultValue = "500") int maxPoints) {
    return telemetry.series(
        deviceId, metric == null ? List.of() : metric, from, to, interval, maxPoints);
  }
}
