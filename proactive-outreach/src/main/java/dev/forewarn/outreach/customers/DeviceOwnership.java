package dev.forewarn.outreach.customers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who owns a device and who else to tell: registering a device, moving it to another owner, and
 * changing single fields. A change names only what it changes; everything else stays as stored.
 */
@Service
public class DeviceOwnership {

  private static final Logger log = LoggerFactory.getLogger(DeviceOwnership.class);

  private static final Set<String> FIELDS =
      Set.of("customerId", "secondaryCustomerId", "nickname", "model");
  private static final Pattern NAME = Pattern.compile(".{0,100}", Pattern.DOTALL);

  private final DeviceRepository devices;
  private final CustomerRepository customers;

  DeviceOwnership(DeviceRepository devices, CustomerRepository customers) {
    this.devices = devices;
    this.customers = customers;
  }

  /**
   * Registers a device, or moves an existing one to the owner named; the optional fields left out
   * keep their stored values.
   */
  @Transactional
  public DeviceRepository.Registered register(NewDevice device) {
    if (device.customerId().equals(device.secondaryCustomerId())) {
      throw new BadRequestException("secondaryCustomerId", "must differ from customerId");
    }
    checkCustomers(device.customerId(), device.secondaryCustomerId());
    DeviceRepository.Registered registered = devices.register(device);
    Device stored = registered.device();
    if (stored.secondaryCustomerId() != null
        && stored.secondaryCustomerId() == stored.customerId()) {
      throw new BadRequestException("secondaryCustomerId", "must differ from customerId");
    }
    log.info(
        "device {} device_id={} customer_id={}",
        registered.created() ? "registered" : "updated",
        stored.deviceId(),
        stored.customerId());
    return registered;
  }

  /**
   * Applies a JSON merge patch (RFC 7396) to a device: a field given is set, a field given as
   * {@code null} is cleared (not {@code customerId}: a device always has an owner), a field left
   * out keeps its value.
   */
  @Transactional
  public Device change(String deviceId, JsonNode patch) {
    if (patch == null || !patch.isObject()) {
      throw new BadRequestException(null, "the body must be a JSON object of the fields to change");
    }
    Device current =
        devices.find(deviceId).orElseThrow(() -> new NotFoundException("no device " + deviceId));
    for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new BadRequestException(name, "is not a field of a device that can be changed");
      }
    }
    ObjectNode fields = (ObjectNode) patch;
    long owner = fields.has("customerId") ? requiredId(fields, "customerId") : current.customerId();
    Long secondary =
        fields.has("secondaryCustomerId")
            ? optionalId(fields, "secondaryCustomerId")
            : current.secondaryCustomerId();
    String nickname = fields.has("nickname") ? text(fields, "nickname") : current.nickname();
    String model = fields.has("model") ? text(fields, "model") : current.model();
    checkCustomers(owner, secondary);
    if (secondary != null && secondary == owner) {
      throw new BadRequestException("secondaryCustomerId", "must differ from customerId");
    }
    Device changed =
        devices
            .replace(new Device(deviceId, owner, secondary, nickname, model, current.createdAt()))
            .orElseThrow(() -> new NotFoundException("no device " + deviceId));
    log.info("device changed device_id={} fields={}", deviceId, String.join(",", names(fields)));
    return changed;
  }

  private static List<String> names(ObjectNode fields) {
    List<String> names = new ArrayList<>();
    fields.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void checkCustomers(long owner, Long secondary) {
    if (customers.find(owner).isEmpty()) {
      throw new BadRequestException("customerId", "no customer with id " + owner);
    }
    if (secondary != null && customers.find(secondary).isEmpty()) {
      throw new BadRequestException("secondaryCustomerId", "no customer with id " + secondary);
    }
  }

  private static long requiredId(ObjectNode fields, String name) {
    Long id = optionalId(fields, name);
    if (id == null) {
      throw new BadRequestException(name, "is required; a device always has an owner");
    }
    return id;
  }

  private static Long optionalId(ObjectNode fields, String name) {
    JsonNode value = fields.get(name);
    if (value.isNull()) {
      return null;
    }
    if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
      throw new BadRequestException(name, "must be a customer id (a whole number) or null");
    }
    return value.asLong();
  }

  private static String text(ObjectNode fields, String name) {
    JsonNode value = fields.get(name);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new BadRequestException(name, "must be a string or null");
    }
    if (!NAME.matcher(value.asText()).matches()) {
      throw new BadRequestException(name, "is longer than 100 characters");
    }
    return value.asText();
  }
}
