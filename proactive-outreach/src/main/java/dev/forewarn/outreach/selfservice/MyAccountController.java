package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.customers.ContactPoint;
import dev.forewarn.outreach.customers.ContactPointRepository;
import dev.forewarn.outreach.customers.Customer;
import dev.forewarn.outreach.customers.CustomerRepository;
import dev.forewarn.outreach.customers.Device;
import dev.forewarn.outreach.customers.DeviceRepository;
import dev.forewarn.outreach.security.CustomerScope;
import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/me}: a customer's own account, devices and cases. Ids of anything that is not theirs
 * are answered 404, the same as ids that do not exist. The inbox ({@code /api/me/inbox}) and the
 * preferences ({@code /api/me/preferences}) are served by their own controllers.
 */
@RestController
@RequestMapping("/api/me")
class MyAccountController {

  private static final String VIA = "in the customer's account";

  private final CustomerRepository customers;
  private final DeviceRepository devices;
  private final ContactPointRepository contactPoints;
  private final CustomerCases cases;

  MyAccountController(
      CustomerRepository customers,
      DeviceRepository devices,
      ContactPointRepository contactPoints,
      CustomerCases cases) {
    this.customers = customers;
    this.devices = devices;
    this.contactPoints = contactPoints;
    this.cases = cases;
  }

  @GetMapping
  Me me(@AuthenticationPrincipal CustomerScope me) {
    Customer customer =
        customers.find(me.customerId()).orElseThrow(() -> new NotFoundException("no customer"));
    return new Me(
        customer.id(), customer.name(), customer.locale(), contactPoints.of(me.customerId()));
  }

  @GetMapping("/devices")
  List<MyDevice> devices(@AuthenticationPrincipal CustomerScope me) {
    return devices.ownedBy(me.customerId()).stream().map(MyDevice::of).toList();
  }

  @GetMapping("/devices/{deviceId}")
  MyDevice device(@AuthenticationPrincipal CustomerScope me, @PathVariable String deviceId) {
    return devices
        .find(deviceId)
        .filter(d -> d.customerId() == me.customerId())
        .map(MyDevice::of)
        .orElseThrow(() -> new NotFoundException("no device " + deviceId));
  }

  @GetMapping("/cases")
  List<CustomerCase> cases(
      @AuthenticationPrincipal CustomerScope me,
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          int limit) {
    return cases.list(me, limit);
  }

  @GetMapping("/cases/{id}")
  CustomerCase theCase(@AuthenticationPrincipal CustomerScope me, @PathVariable long id) {
    return cases.require(me, id);
  }

  @PostMapping("/cases/{id}/acknowledge")
  CustomerCase acknowledge(@AuthenticationPrincipal CustomerScope me, @PathVariable long id) {
    return cases.acknowledge(me, id, VIA);
  }

  @PostMapping("/cases/{id}/book")
  CustomerCase book(@AuthenticationPrincipal CustomerScope me, @PathVariable long id) {
    return cases.book(me, id, VIA);
  }

  @PostMapping("/cases/{id}/snooze")
  CustomerCase snooze(@AuthenticationPrincipal CustomerScope me, @PathVariable long id) {
    return cases.snooze(me, id, VIA);
  }

  @PostMapping("/cases/{id}/feedback")
  CustomerCase feedback(
      @AuthenticationPrincipal CustomerScope me,
      @PathVariable long id,
      @RequestParam
          @Min(value = 1, message = "must be 1 to 5")
          @Max(value = 5, message = "must be 1 to 5")
          int score) {
    return cases.rate(me, id, score, VIA);
  }

  /** The signed-in customer and the ways they can be reached. */
  record Me(long id, String name, String locale, List<ContactPoint> contactPoints) {}

  /** A device as its owner sees it. */
  record MyDevice(String deviceId, String nickname, String model, Instant registeredAt) {
    static MyDevice of(Device device) {
      return new MyDevice(device.deviceId(), device.nickname(), device.model(), device.createdAt());
    }
  }
}
